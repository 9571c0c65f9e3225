import BackupAgent
import BackupCore
import Foundation
import Secp256k1
import SeedKit
import Sodium
import Synchronization
import LightningTypes

/// An in-memory lnd with real keys: DeriveSharedKey is real ECDH with a node key (family 6)
/// and a family-7 key, and its Multis are real lnd-encrypted SCBs of generated channels.
final class FakeLNDNode: LNDNode, Sendable {
    struct State {
        var walletState: WalletState = .serverActive
        var channels: Int = 1
        /// Singles of a version casa does not know, added to every Multi (a newer lnd).
        var unknownSingles: [UnknownSingle] = []
        var stateContinuations: [AsyncThrowingStream<WalletState, any Error>.Continuation] = []
        var backupContinuations: [AsyncThrowingStream<[UInt8], any Error>.Continuation] = []
        var exports = 0
        var subscriptions = 0
        var failExport = false
        var verified: [[UInt8]] = []
        /// The wallet password UnlockWallet accepts.
        var password: [UInt8] = Array(FakeLNDNode.walletPassword.utf8)
        var unlocks = 0
        var refusedPasswords = 0
    }

    static let walletPassword = "correct horse battery staple"

    let nodeKey: PrivateKey
    let family7Key: PrivateKey
    let state = Mutex(State())

    init(nodeKey: PrivateKey? = nil) throws {
        self.nodeKey = try nodeKey ?? PrivateKey.generate()
        family7Key = try PrivateKey.generate()
    }

    var scbKey: SecureBytes { get throws { try LNDBackupCrypto.key(fromFamily7PublicKey: family7Key.publicKey) } }

    /// The Multi lnd holds now, with `channels` channels.
    func currentMulti() throws -> MultiBackup {
        var multi = try AgentFixtures.multi(channels: state.withLock { $0.channels })
        multi.unknownSingles = state.withLock { $0.unknownSingles }
        return multi
    }

    /// lnd's encryption of the current Multi (fresh nonce each time, like lnd).
    func encryptedMulti() throws -> [UInt8] {
        try LNDBackupCrypto.seal(currentMulti(), key: scbKey)
    }

    // MARK: LNDNode

    func walletStates() -> AsyncThrowingStream<WalletState, any Error> {
        let (stream, continuation) = AsyncThrowingStream<WalletState, any Error>.makeStream()
        let current = state.withLock {
            $0.stateContinuations.append(continuation)
            return $0.walletState
        }
        continuation.yield(current)
        return stream
    }

    func deriveSharedKey(ephemeralPublicKey: [UInt8], keyFamily: Int?) async throws -> SecureBytes {
        guard state.withLock({ $0.walletState.acceptsRPCs }) else { throw AgentError.lndUnavailable("wallet locked") }
        let point = try PublicKey(bytes: ephemeralPublicKey)
        switch keyFamily {
        case nil, 6: return try nodeKey.sharedSecret(with: point)
        case 7: return try family7Key.sharedSecret(with: point)
        default: throw AgentError.lndUnavailable("unexpected key family")
        }
    }

    func exportMultiBackup() async throws -> [UInt8] {
        let fail = state.withLock {
            $0.exports += 1
            return $0.failExport || !$0.walletState.acceptsRPCs
        }
        if fail { throw AgentError.lndUnavailable("export failed") }
        return try encryptedMulti()
    }

    func multiBackupUpdates() -> AsyncThrowingStream<[UInt8], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        state.withLock {
            $0.subscriptions += 1
            $0.backupContinuations.append(continuation)
        }
        return stream
    }

    func identityPublicKey() async throws -> [UInt8] { nodeKey.publicKey.compressed }

    func verifyMultiBackup(_ multi: [UInt8]) async throws {
        _ = try LNDBackupCrypto.openMulti(blob: multi, key: scbKey)
        state.withLock { $0.verified.append(multi) }
    }

    func unlockWallet(password: SecureBytes) async throws -> WalletUnlockResult {
        let outcome: WalletUnlockResult = state.withLock { s in
            guard s.walletState == .locked else { return .alreadyUnlocked }
            guard password.unsafeCopy() == s.password else {
                s.refusedPasswords += 1
                return .wrongPassword("invalid passphrase for master public key")
            }
            s.unlocks += 1
            return .unlocked
        }
        if outcome == .unlocked {
            transition(to: .unlocked)
            transition(to: .rpcActive)
            transition(to: .serverActive)
        }
        return outcome
    }

    // MARK: Control

    /// Opens or closes channels and notifies subscribers, like lnd after a channel update.
    func setChannels(_ count: Int) throws {
        state.withLock { $0.channels = count }
        let bytes = try encryptedMulti()
        for continuation in state.withLock({ $0.backupContinuations }) { continuation.yield(bytes) }
    }

    /// A newer lnd: from now on the Multi also holds these Singles of unknown versions.
    func setUnknownSingles(_ singles: [UnknownSingle]) throws {
        state.withLock { $0.unknownSingles = singles }
        try push(encryptedMulti())
    }

    /// Sends `bytes` as a subscription update (e.g. garbage).
    func push(_ bytes: [UInt8]) {
        for continuation in state.withLock({ $0.backupContinuations }) { continuation.yield(bytes) }
    }

    /// lnd restarts: every stream is cut; it comes back in `state`.
    func restart(into walletState: WalletState) {
        let (states, backups) = state.withLock { s in
            s.walletState = walletState
            defer {
                s.stateContinuations = []
                s.backupContinuations = []
            }
            return (s.stateContinuations, s.backupContinuations)
        }
        for c in states { c.finish(throwing: AgentError.lndUnavailable("connection reset")) }
        for c in backups { c.finish(throwing: AgentError.lndUnavailable("connection reset")) }
    }

    /// The wallet changes state without a restart (e.g. unlocked).
    func transition(to walletState: WalletState) {
        let states = state.withLock { s in
            s.walletState = walletState
            return s.stateContinuations
        }
        for c in states { c.yield(walletState) }
    }

    var walletState: WalletState { state.withLock { $0.walletState } }
    var unlockCount: Int { state.withLock { $0.unlocks } }
    var subscriptionCount: Int { state.withLock { $0.subscriptions } }
    var exportCount: Int { state.withLock { $0.exports } }
}
