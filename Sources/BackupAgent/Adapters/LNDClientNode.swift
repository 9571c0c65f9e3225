public import LNDClient
import SeedKit
public import Sodium
import Synchronization
import Codecs
import LightningTypes

/// `LNDNode` over the REST client. Discovery (lnd.conf, tls.cert, macaroon) runs again at
/// every reconnection, so a rotated TLS certificate or macaroon is picked up after lnd restarts.
public final class LNDClientNode: LNDNode, Sendable {
    private let options: LNDDiscovery.Options
    private let client: Mutex<LNDClient?>
    /// Warnings of the last discovery (an admin macaroon, plain HTTP).
    private let warnings = Mutex<[String]>([])

    public init(options: LNDDiscovery.Options) {
        self.options = options
        client = Mutex(nil)
    }

    /// The current client, discovering lnd first if needed (or when `fresh`).
    func current(fresh: Bool = false) throws -> LNDClient {
        if !fresh, let existing = client.withLock({ $0 }) { return existing }
        let discovery: LNDDiscovery
        do {
            discovery = try LNDDiscovery(options)
        } catch {
            throw AgentError.configuration("lnd: \(error)")
        }
        let made = try LNDClient(discovery.connection)
        warnings.withLock { $0 = discovery.warnings }
        client.withLock { $0 = made }
        return made
    }

    public var connectionWarnings: [String] { warnings.withLock { $0 } }

    public func walletStates() -> AsyncThrowingStream<WalletState, any Error> {
        relay(fresh: true, { try await $0.subscribeState() }, { $0 })
    }

    public func deriveSharedKey(ephemeralPublicKey: [UInt8], keyFamily: Int?) async throws -> SecureBytes {
        let locator = keyFamily.map { KeyLocator(family: UInt32($0), index: 0) } ?? .nodeIdentity
        return try await current().deriveSharedKey(ephemeralPublicKey: ephemeralPublicKey, keyLocator: locator)
    }

    public func exportMultiBackup() async throws -> [UInt8] {
        guard let multi = try await current().exportAllChannelBackups().multi else {
            throw AgentError.lndUnavailable("ExportAllChannelBackups returned no multi_chan_backup")
        }
        return multi.backup
    }

    public func multiBackupUpdates() -> AsyncThrowingStream<[UInt8], any Error> {
        relay(fresh: false, { try await $0.subscribeChannelBackups() }, { $0.multi?.backup })
    }

    public func identityPublicKey() async throws -> [UInt8] {
        let hex = try await current().getInfo().identityPubkey
        guard let bytes = Hex.decode(hex), bytes.count == 33 else {
            throw AgentError.lndUnavailable("GetInfo returned an invalid identity_pubkey \(hex.prefix(70))")
        }
        return bytes
    }

    public func verifyMultiBackup(_ multi: [UInt8]) async throws {
        _ = try await current().verify(multi: multi)
    }

    public func unlockWallet(password: SecureBytes) async throws -> WalletUnlockResult {
        do {
            try await current(fresh: true).unlockWallet(password: password)
            return .unlocked
        } catch LNDError.walletAlreadyUnlocked {
            return .alreadyUnlocked
        } catch LNDError.rpc(_, let message, _) where message.contains("invalid passphrase") {
            return .wrongPassword(message)
        }
    }

    /// Runs a stream in its own task, so that opening it never blocks the caller (lnd's gateway
    /// sends no response head before the first message) and cancelling the consumer closes it.
    private func relay<Message: Sendable, Element: Sendable>(
        fresh: Bool, _ open: @escaping @Sendable (LNDClient) async throws -> LNDStream<Message>,
        _ transform: @escaping @Sendable (Message) -> Element?
    ) -> AsyncThrowingStream<Element, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Element, any Error>.makeStream()
        let task = Task {
            do {
                for try await message in try await open(try self.current(fresh: fresh)) {
                    if let element = transform(message) { continuation.yield(element) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

extension LNDClientNode {
    /// From the agent's configuration (`LNDDiscovery.Options(agent:)`).
    public convenience init(configuration: AgentConfiguration) {
        self.init(options: LNDDiscovery.Options(agent: configuration))
    }
}
