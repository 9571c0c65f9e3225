import Sodium

/// Turns a logical name (e.g. `scb/multi`) into the opaque blob ID the vault sees:
/// `BLAKE2b-256(key = name key, "casa-backup/blob-name/v1" ‖ 0x00 ‖ UTF-8 name)`
/// (docs/design.md §4.4). Without the key, blob IDs are unlinkable to the node or the name.
public struct BlobNameKey: Sendable {
    let secret: SecureBytes

    public func blobID(for logicalName: String) -> BlobID {
        let message = KeyDerivationLabels.blobName + [0x00] + Array(logicalName.utf8)
        return BlobID(uncheckedBytes: BLAKE2b.keyedHash(message, key: secret, outputByteCount: 32))
    }
}
