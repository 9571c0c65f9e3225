public import Sodium
import LightningTypes

/// What the agent needs from lnd, as raw bytes (the LNDClient does the REST and JSON).
/// A narrow protocol so the pipeline can be tested with an in-memory lnd.
public protocol LNDNode: Sendable {
    /// SubscribeState: the current state first, then every change; ends or throws when the
    /// connection drops.
    func walletStates() -> AsyncThrowingStream<WalletState, any Error>
    /// DeriveSharedKey with `ephemeralPublicKey` (33 bytes compressed); `keyFamily` nil means
    /// lnd's node identity key, otherwise key locator (family, 0).
    func deriveSharedKey(ephemeralPublicKey: [UInt8], keyFamily: Int?) async throws -> SecureBytes
    /// ExportAllChannelBackups: the lnd-encrypted Multi (`multi_chan_backup.multi_chan_backup`).
    func exportMultiBackup() async throws -> [UInt8]
    /// SubscribeChannelBackups: the lnd-encrypted Multi of every update. lnd sends nothing at
    /// subscribe time (the follower subscribes, then exports).
    func multiBackupUpdates() -> AsyncThrowingStream<[UInt8], any Error>
    /// GetInfo's `identity_pubkey` (33 bytes).
    func identityPublicKey() async throws -> [UInt8]
    /// VerifyChanBackup for a Multi; throws with lnd's message when lnd rejects it.
    func verifyMultiBackup(_ multi: [UInt8]) async throws
    /// UnlockWallet (no macaroon). Throws only when lnd could not be asked (not running,
    /// not reachable, no wallet); a refused password is a result, not an error.
    func unlockWallet(password: SecureBytes) async throws -> WalletUnlockResult
    /// What the owner must hear about how lnd is reached (an admin macaroon, plain http), from
    /// the last connection; empty for a test lnd.
    var connectionWarnings: [String] { get }
}

extension LNDNode {
    public var connectionWarnings: [String] { [] }
}
