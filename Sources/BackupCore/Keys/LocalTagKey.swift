import Sodium

/// Tags a channel set for the headers of local and USB snapshot files (review L5):
/// `BLAKE2b-256(key = local tag key, "casa-backup/local-tag/v1" ‖ 0x00 ‖ channel-set digest)`
/// (docs/design.md §4.10). Equal sets give equal tags, so the agent still skips an unchanged
/// Multi; without the backup root a tag says nothing about the channels.
public struct LocalTagKey: Sendable {
    let secret: SecureBytes

    public func tag(channelSetDigest: [UInt8]) -> [UInt8] {
        BLAKE2b.keyedHash(KeyDerivationLabels.localTag + [0x00] + channelSetDigest, key: secret, outputByteCount: 32)
    }

    /// The channel count as the file header shows it: the next power of two (0 stays 0), the
    /// same coarseness as the envelope's size buckets, so a lost USB stick does not tell the
    /// exact number of channels.
    public static func channelCountBound(_ count: Int) -> Int {
        count <= 0 ? 0 : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)
    }
}
