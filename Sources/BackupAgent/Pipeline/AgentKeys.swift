public import BackupCore
public import BlobStorage
public import Sodium
import Secp256k1

/// The keys the agent holds while lnd is unlocked (docs/design.md §5): derived through lnd's
/// DeriveSharedKey after every unlock, in memory only, dropped when lnd goes away.
public struct AgentKeys: Sendable {
    public let backup: BackupKeys
    /// lnd's own SCB key, `DeriveSharedKey(G, family 7)`, to open and compare lnd's Multi.
    public let lndSCBKey: SecureBytes
    public let account: AccountID
    /// The vault's name for lnd's Multi (`BackupKeys.multiChannelBackupBlob`).
    public let blob: BlobName

    public init(backupRoot: BackupRoot, lndSCBKey: SecureBytes, account: AccountID) throws {
        backup = try BackupKeys(root: backupRoot)
        self.lndSCBKey = lndSCBKey
        self.account = account
        blob = backup.multiChannelBackupBlob
    }

    /// Asks lnd for both shared keys (docs/design.md §3.1 step 1).
    public static func derive(from lnd: any LNDNode, account: AccountID) async throws -> AgentKeys {
        let root = try await lnd.deriveSharedKey(ephemeralPublicKey: DomainPoint.backupRootCompressed, keyFamily: nil)
        let scb = try await lnd.deriveSharedKey(
            ephemeralPublicKey: generatorCompressed, keyFamily: Int(lndSCBKeyFamily))
        return try AgentKeys(backupRoot: BackupRoot(sharedKey: root), lndSCBKey: scb, account: account)
    }

    /// lnd's key family for SCB encryption (KeyFamilyBackups).
    public static let lndSCBKeyFamily: UInt32 = 7

    /// secp256k1's generator G, compressed: `DeriveSharedKey(G, k)` = SHA256(k·G) = lnd's SCB key.
    public static var generatorCompressed: [UInt8] { PublicKey.generator.compressed }
}
