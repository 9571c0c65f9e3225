import BackupCore
import Foundation
import Recovery
import Sodium
import LightningTypes

/// An in-memory lnd for the restore flows: wallet states, channels, peers, the graph. Peers
/// connect only at the addresses listed in `reachable`; a connected peer of a restored channel
/// broadcasts its commitment when `peersClose` is set (as an lnd peer does on the data-loss
/// reestablish), and, as production lnd (D3), the close shows only once `mine` has buried it
/// 3 blocks deep: then pending force close with the txid, and closed a block later.
final class FakeRecoveryLND: RecoveryLND, @unchecked Sendable {
    private let lock = NSLock()
    private var state: WalletState
    /// States GetState walks through after InitWallet/UnlockWallet.
    private var startup: [WalletState] = []
    var identity: String
    var channelList: [LNDChannel] = []
    var peers: Set<String> = []
    var graph: [String: [String]] = [:]
    var reachable: [String: Set<String>] = [:]
    var peersClose = true
    /// The chain: blocks mined so far, and the height each peer's close was broadcast at.
    private(set) var height = 0
    private var broadcastAt: [String: Int] = [:]
    var refuseRestore: String?
    /// Channel points lnd refuses: a call that contains one fails as a whole.
    var refusePoints: Set<String> = []

    private(set) var initCalls: [(mnemonic: [String], window: Int32, password: [UInt8])] = []
    private(set) var unlockCalls = 0
    private(set) var restoreCalls: [[(channelPoint: String, single: [UInt8])]] = []
    private(set) var connectCalls: [(String, String)] = []
    private(set) var forceCloseCalls: [String] = []

    init(state: WalletState, identity: String) {
        self.state = state
        self.identity = identity
    }

    /// GetState polls that answer RPC_ACTIVE while the wallet syncs, before the start-up goes
    /// on (D8: a rescan after InitWallet can take hours).
    var syncPolls = 0
    private(set) var statePolls = 0

    func walletState() async throws -> WalletState {
        lock.withLock {
            statePolls += 1
            if state == .rpcActive, syncPolls > 0 {
                syncPolls -= 1
                return state
            }
            if !startup.isEmpty { state = startup.removeFirst() }
            return state
        }
    }

    func chainSync() async -> LNDChainSync? {
        lock.withLock { state == .rpcActive ? LNDChainSync(blockHeight: 812_345, syncedToChain: syncPolls == 0) : nil }
    }

    func initWallet(_ creation: WalletCreation) async throws {
        try lock.withLock {
            guard state == .nonExisting else { throw RecoveryError.lndFailed("wallet already exists") }
            initCalls.append((String(decoding: creation.mnemonic.unsafeCopy(), as: UTF8.self).split(separator: " ").map(String.init), creation.recoveryWindow, creation.password.unsafeCopy()))
            startup = [.unlocked, .rpcActive, .rpcActive, .serverActive]
        }
    }

    func unlockWallet(password: SecureBytes) async throws {
        lock.withLock {
            unlockCalls += 1
            startup = [.unlocked, .serverActive]
        }
    }

    func identityPubkey() async throws -> String {
        try lock.withLock {
            guard state == .serverActive || state == .rpcActive else { throw RecoveryError.lndFailed("wallet locked") }
            return identity
        }
    }

    /// Mines blocks: a close broadcast at height h confirms at h+1 and lnd acts on it 3 deep.
    func mine(_ blocks: Int) {
        lock.withLock { height += blocks }
    }

    func channels() async throws -> [LNDChannel] {
        lock.withLock {
            for index in channelList.indices where channelList[index].restoredFromBackup {
                let point = channelList[index].channelPoint
                if peersClose, broadcastAt[point] == nil, peers.contains(channelList[index].remotePubkey) { broadcastAt[point] = height }
                guard let broadcast = broadcastAt[point] else { continue }
                if height >= broadcast + 4 {
                    channelList[index].state = .closed
                    channelList[index].closingTxid = String(repeating: "c", count: 64)
                } else if height >= broadcast + 3 {
                    channelList[index].state = .pendingForceClose
                    channelList[index].closingTxid = String(repeating: "c", count: 64)
                }
            }
            return channelList
        }
    }

    func restoreChannelBackups(_ backups: [(channelPoint: String, single: [UInt8])]) async throws -> Int {
        try lock.withLock {
            if let refuseRestore { throw RecoveryError.lndFailed(refuseRestore) }
            if let bad = backups.first(where: { refusePoints.contains($0.channelPoint) }) {
                throw RecoveryError.lndFailed("unable to restore \(bad.channelPoint)")
            }
            restoreCalls.append(backups)
            var count = 0
            for backup in backups where !channelList.contains(where: { $0.channelPoint == backup.channelPoint }) {
                channelList.append(LNDChannel(channelPoint: backup.channelPoint, remotePubkey: restoredPeer, state: .waitingClose, restoredFromBackup: true))
                count += 1
            }
            return count
        }
    }

    /// The peer of the channel being restored (the tests restore vector A's one channel).
    var restoredPeer = "025fafc78a1051be4076433dc0b36db9f69ae5b0041e58cfaa16478d4bacb8e442"

    func connectedPeers() async throws -> Set<String> {
        lock.withLock { peers }
    }

    /// The address each connection used (ListPeers' `address`).
    private var connectedAt: [String: String] = [:]

    func peerAddresses() async throws -> [String: String] {
        lock.withLock { Dictionary(uniqueKeysWithValues: peers.map { ($0, connectedAt[$0] ?? "") }) }
    }

    func graphAddresses(of pubkey: String) async throws -> [String] {
        lock.withLock { graph[pubkey] ?? [] }
    }

    func connectPeer(_ pubkey: String, address: String) async throws {
        try lock.withLock {
            connectCalls.append((pubkey, address))
            guard reachable[pubkey]?.contains(address) == true else { throw RecoveryError.lndFailed("dial tcp \(address): connection refused") }
            if !peers.contains(pubkey) { connectedAt[pubkey] = address }
            peers.insert(pubkey)
        }
    }

    func forceClose(channelPoint: String) async throws -> String {
        try lock.withLock {
            guard let index = channelList.firstIndex(where: { $0.channelPoint == channelPoint && $0.state == .open }) else {
                throw RecoveryError.lndFailed("channel \(channelPoint) is not open")
            }
            forceCloseCalls.append(channelPoint)
            channelList[index].state = .waitingClose
            channelList[index].closingTxid = String(repeating: "f", count: 64)
            return String(repeating: "f", count: 64)
        }
    }
}

/// Records escalations and answers as configured.
final class RecordingEscalation: ForceCloseEscalation, @unchecked Sendable {
    private let lock = NSLock()
    let answer: EscalationResult
    private(set) var calls: [(String, [String])] = []

    init(answer: EscalationResult) {
        self.answer = answer
    }

    func escalate(_ channel: SingleBackup, addresses: [String]) async -> EscalationResult {
        lock.withLock { calls.append((channel.fundingOutpoint.description, addresses)) }
        return answer
    }
}

/// Collects restore's progress lines.
final class ProgressLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
