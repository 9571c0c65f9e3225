import BackupCore
import Sodium

/// lnd's Multi opened with lnd's SCB key and checked: all the pipeline keeps of it.
struct OpenedMulti: Sendable {
    /// The Multi's channel-set digest (`MultiCheck.channelSetDigest`: independent of the order
    /// lnd writes Singles and addresses in, and of CloseTxInputs), compared with the newest
    /// snapshot's and stored in its header, so that the file and RPC copies of one channel
    /// state, and lnd's rewrites at every start and stop, make no new snapshot (D2, D12).
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
        hash = check.channelSetDigest
    }
}
