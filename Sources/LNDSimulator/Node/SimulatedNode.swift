import BackupCore
import Foundation
import Logging
import Secp256k1
import SeedKit
import Sodium
import Codecs
import LightningTypes

/// The simulated lnd: wallet state machine, keys, channel database, backups, peers and chain.
/// All state changes go through this actor; the REST and control servers only translate.
public actor SimulatedNode {
    public let configuration: SimulatorConfiguration
    public let directory: LNDDirectory
    let logger: Logger

    var world: SimulatedWorld
    public private(set) var walletState: WalletState = .nonExisting
    var keys: NodeKeys?
    var walletKey: SecureBytes?
    var rootKeys: [String: SecureBytes] = [:]
    var database = ChannelDatabase()
    /// Channel points currently in `channel.backup` (lnd's SubSwapper state).
    var fileBackupSet: Set<String> = []
    /// Connected peers: pubkey → the address the connection uses.
    var connected: [String: String] = [:]
    /// Peers the node was asked to keep connected to with ConnectPeer(perm=true).
    var persistentPeers: Set<String> = []
    var streams = StreamRegistry()
    /// Writes of the world file, channel.db and channel.backup held back by a running batch.
    var fileWrites = FileWrites()
    /// Start-up stops at this state until released (drills and gating tests).
    var startupHold: WalletState?
    /// Bumped whenever the node goes down, so a stale start-up task stops.
    var generation = 0
    /// Backups handed to InitWallet/UnlockWallet, restored once the server is active.
    var pendingRestore: [SingleBackup] = []
    /// The next start ignores the password file (a `lock` drill).
    var skipAutoUnlock = false
    /// The world's peers as real Lightning listeners.
    let peerListeners: PeerListenerSet
    /// The wallet's catch-up with the chain during RPC_ACTIVE (D8); nil when not syncing.
    var chainSync: ChainSync?
    /// Why the last start failed (lnd exited), e.g. a channel.backup that does not decrypt (D7).
    public internal(set) var startFailure: String?
    /// What lnd's exit does to the simulator: its REST listener goes away (set by `Simulator`).
    var processExit: (@Sendable () async -> Void)?
    /// Run after each unlock: the simulator switches to the permanent TLS certificate (D6).
    var unlockedHook: (@Sendable () async -> Void)?

    public init(configuration: SimulatorConfiguration) throws {
        self.configuration = configuration
        self.directory = LNDDirectory(root: configuration.lndDirectory, network: configuration.network)
        var logger = Logger(label: "lnd-sim")
        logger.logLevel = .info
        self.logger = logger
        self.peerListeners = PeerListenerSet(logger: logger)
        if let bytes = PosixFile.read(directory.worldFile) {
            self.world = try JSONDecoder().decode(SimulatedWorld.self, from: Data(bytes))
        } else {
            self.world = SimulatedWorld()
        }
        self.walletState = PosixFile.exists(directory.walletDatabase) ? .locked : .nonExisting
    }

    // MARK: - Going down and coming up (lnd process restarts)

    /// Everything a process exit loses: keys, connections, streams, the in-memory backup state.
    public func goDown() {
        writeBackupFileAtShutdown()
        generation += 1
        streams.cutAll()
        keys = nil
        walletKey = nil
        rootKeys = [:]
        connected = [:]
        persistentPeers = []
        fileBackupSet = []
        pendingRestore = []
        database = ChannelDatabase()
        walletState = .waitingToStart
    }

    /// A fresh process start: LOCKED or NON_EXISTING, then the configured auto-create/unlock.
    public func comeUp() async {
        walletState = PosixFile.exists(directory.walletDatabase) ? .locked : .nonExisting
        if skipAutoUnlock {
            skipAutoUnlock = false
            return
        }
        if walletState == .nonExisting, let words = configuration.seedWords, let password = configuration.autoUnlockPassword {
            do {
                _ = try createWallet(password: password, mnemonic: words, passphrase: configuration.aezeedPassphrase,
                                     backups: .none, statelessInit: false)
            } catch {
                logger.error("cannot create the wallet from the seed words file: \(error)")
            }
        } else if walletState == .locked, let password = configuration.autoUnlockPassword {
            do {
                try openWallet(password: password, backups: .none)
            } catch {
                logger.error("cannot unlock the wallet with the password file: \(error)")
            }
        }
    }

    func suppressAutoUnlockOnce() {
        skipAutoUnlock = true
    }

    func setState(_ state: WalletState) {
        walletState = state
        if state == .unlocked, let unlockedHook { Task { await unlockedHook() } }
        for continuation in streams.state.values {
            continuation.yield(stateMessage(state))
        }
        logger.info("wallet state \(state.name)")
    }

    func stateMessage(_ state: WalletState) -> JSONValue {
        .object([("state", .string(state.name))])
    }

    /// UNLOCKED → RPC_ACTIVE → SERVER_ACTIVE, one step per `startupStepDelay`, honouring a hold.
    func beginStartup() {
        let expected = generation
        let delay = configuration.startupStepDelay
        Task { [weak self] in
            for next in [WalletState.rpcActive, .serverActive] {
                try? await Task.sleep(for: delay)
                guard let self else { return }
                while await self.isHeld(before: next, generation: expected) {
                    try? await Task.sleep(for: .milliseconds(20))
                }
                if next == .serverActive {
                    // lnd starts its server only once the wallet is synced (lnd.go:764-812; D8).
                    while await !self.chainSyncTick(seconds: 0.05, generation: expected) {
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                }
                guard await self.advance(to: next, generation: expected) else { return }
                if next == .rpcActive { await self.startChainSync() }
            }
        }
    }

    private func isHeld(before next: WalletState, generation expected: Int) -> Bool {
        guard generation == expected, let hold = startupHold else { return false }
        return next.startupOrder > hold.startupOrder
    }

    private func advance(to next: WalletState, generation expected: Int) -> Bool {
        guard generation == expected, walletState.startupOrder < next.startupOrder, walletState.startupOrder >= WalletState.unlocked.startupOrder else { return false }
        if next == .serverActive, let failure = backupFileStartFailure() {
            exitOnStartFailure(failure)
            return false
        }
        // lnd opens its channel database before RPC_ACTIVE (lnd.go:735-749): from then on the
        // backup RPCs answer with every channel, during a long rescan too.
        if next == .rpcActive { loadChannelDatabase() }
        setState(next)
        if next == .serverActive { serverStarted() }
        return true
    }

    func loadChannelDatabase() {
        do {
            database = try ChannelDatabase.load(directory.channelDatabase)
        } catch {
            logger.error("cannot read channel.db: \(error)")
        }
    }

    /// Holds start-up at `state` (nil releases it).
    public func holdStartup(at state: WalletState?) {
        startupHold = state
    }

    /// What lnd does once its server is up: load channels, write channel.backup, reconnect to
    /// peers, watch the chain, run restores handed to the unlocker.
    func serverStarted() {
        holdWrites()
        defer { releaseWrites() }
        loadChannelDatabase()
        recordWalletSynced()
        fileBackupSet = Set(database.channels.filter(\.isInOpenBucket).map(\.channelPoint))
        writeBackupFile()
        if !pendingRestore.isEmpty {
            let singles = pendingRestore
            pendingRestore = []
            do {
                _ = try recover(singles)
            } catch {
                // D10: lnd restores them inside server.Start, and a failure stops the start: lnd exits
                // (server.go:2592-2613).
                exitOnStartFailure("unable to start server: unable to restore channel backups: \(error.message)")
                return
            }
        }
        syncWithChain()
        reconcileConnections()
    }

    // MARK: - Helpers

    func requireKeys() throws(RPCError) -> NodeKeys {
        guard let keys else { throw .unknown("wallet locked, unlock it to enable full RPC access") }
        return keys
    }

    var identityPubkeyHex: String {
        guard let keys, let key = try? keys.identityPublicKey else { return "" }
        return Hex.encode(key.compressed)
    }

    func randomTxid() -> String { Hex.encode(Random.bytes(32)) }
}

extension SimulatedNode {
    /// SubscribeState: the current state first, then every change.
    public func subscribeState() -> MessageStream {
        let id = UUID()
        let (stream, continuation) = MessageStream.makeStream()
        continuation.yield(stateMessage(walletState))
        streams.state[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.dropStateStream(id) }
        }
        return stream
    }

    private func dropStateStream(_ id: UUID) { streams.state[id] = nil }
}
