import BlobStorage
import Sodium

/// Turns a logical name (e.g. `scb/multi`) into the opaque blob name the vault sees, the hex of
/// `BLAKE2b-256(key = name key, "casa-backup/blob-name/v1" ‖ 0x00 ‖ UTF-8 name)`
/// (docs/design.md §4.4). Without the key, blob names are unlinkable to the node or the name.
public struct BlobNameKey: Sendable {
    let secret: SecureBytes

    public func blobName(for logicalName: String) -> BlobName {
        let message = KeyDerivationLabels.blobName + [0x00] + Array(logicalName.utf8)
        return BlobName(digest: BLAKE2b.keyedHash(message, key: secret, outputByteCount: BlobName.digestByteCount))
    }
}
