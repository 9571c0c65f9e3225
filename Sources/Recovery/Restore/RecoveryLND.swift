import Sodium
import LightningTypes

/// The few lnd calls the disaster flows make (REST, docs/lnd.md §3.2). `LNDClient` implements
/// it; tests use an in-memory double. Failures throw `RecoveryError.lndUnavailable` (cannot reach
/// lnd) or `.lndFailed` (lnd answered with an error, its message included).
public protocol RecoveryLND: Sendable {
    /// GetState.
    func walletState() async throws -> WalletState
    /// InitWallet with the words (no channel backups: restore passes them one by one afterwards).
    func initWallet(_ creation: WalletCreation) async throws
    /// UnlockWallet.
    func unlockWallet(password: SecureBytes) async throws
    /// GetInfo's identity_pubkey (hex).
    func identityPubkey() async throws -> String
    /// GetInfo's chain view while lnd starts: its backend's best block and whether the wallet
    /// is synced to it. nil when lnd does not answer GetInfo yet.
    func chainSync() async -> LNDChainSync?
    /// ListChannels, PendingChannels and ClosedChannels together (closed ones as `.closed`).
    func channels() async throws -> [LNDChannel]
    /// RestoreChannelBackups with `chan_backups`: each entry is (channel point, one lnd-encrypted Single).
    /// Returns lnd's num_restored (channels lnd already has are skipped and not counted).
    func restoreChannelBackups(_ backups: [(channelPoint: String, single: [UInt8])]) async throws -> Int
    /// ListPeers: the pubkeys connected now.
    func connectedPeers() async throws -> Set<String>
    /// ListPeers: each connected peer and the address its connection uses ("host:port").
    func peerAddresses() async throws -> [String: String]
    /// GetNodeInfo: the peer's current addresses in the graph ("host:port"), empty if unknown.
    func graphAddresses(of pubkey: String) async throws -> [String]
    /// ConnectPeer with perm=true (lnd keeps retrying in the background).
    func connectPeer(_ pubkey: String, address: String) async throws
    /// CloseChannel with force=true; returns the closing txid (display hex) from close_pending.
    func forceClose(channelPoint: String) async throws -> String
}

extension RecoveryLND {
    /// Without addresses: a connected peer is known, not where it was reached.
    public func peerAddresses() async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await connectedPeers().map { ($0, "") })
    }

    public func chainSync() async -> LNDChainSync? { nil }
}
