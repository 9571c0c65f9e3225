import BackupCore
import Sodium

/// lnd's Multi opened with lnd's SCB key and checked: all the pipeline keeps of it.
struct OpenedMulti: Sendable {
    /// SHA-256 of the plaintext: compared with the newest snapshot's, and stored in its header.
    let hash: [UInt8]
    let channelCount: Int
    /// Versions of the Singles this code does not know (a newer lnd). Such a Multi is still
    /// stored: it is lnd's own restorable format, and a backup must never stop (H2).
    let unknownSingleVersions: [UInt8]

    init(_ lndMulti: [UInt8], key: SecureBytes) throws {
        let plaintext = try LNDBackupCrypto.decrypt(blob: lndMulti, key: key)
        // Checked completely, but not built: the pipeline needs only that it is a valid Multi.
        let check = try MultiBackup.check(plaintext)
        channelCount = check.channelCount
        unknownSingleVersions = check.unknownSingleVersions
        hash = SHA256.hash(plaintext)
    }
}
