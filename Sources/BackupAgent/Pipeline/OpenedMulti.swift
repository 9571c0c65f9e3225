import BackupCore
import Sodium

/// lnd's Multi opened with lnd's SCB key and checked: all the pipeline keeps of it.
struct OpenedMulti: Sendable {
    /// SHA-256 of the plaintext: compared with the newest snapshot's, and stored in its header.
    let hash: [UInt8]
    let channelCount: Int

    init(_ lndMulti: [UInt8], key: SecureBytes) throws {
        let plaintext = try LNDBackupCrypto.decrypt(blob: lndMulti, key: key)
        // Checked completely, but not built: the pipeline needs only that it is a valid Multi.
        channelCount = try MultiBackup.channelCount(checking: plaintext)
        hash = SHA256.hash(plaintext)
    }
}
