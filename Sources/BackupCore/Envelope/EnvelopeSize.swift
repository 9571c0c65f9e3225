/// Size buckets (docs/envelope.md §5): every envelope is exactly 2^k bytes, 12 ≤ k ≤ 24, so the
/// vault learns a snapshot's size (and channel count) only to within a factor of two.
public enum EnvelopeSize {
    static let minimumExponent = 12
    static let maximumExponent = 24
    /// Header plus Poly1305 tag.
    static let overhead = EnvelopeHeader.byteCount + 16
    /// Smallest and largest envelope.
    public static let minimum = 1 << minimumExponent
    public static let maximum = 1 << maximumExponent
    /// The largest payload an envelope of the current version can carry.
    public static let maximumPayload = maximum - overhead - EnvelopeRecord.headerByteCount(version: EnvelopeHeader.currentVersion)

    /// The envelope size for a payload of `payloadByteCount` bytes in format `version`.
    public static func total(forPayload payloadByteCount: Int, version: UInt8 = EnvelopeHeader.currentVersion) throws -> Int {
        let needed = payloadByteCount + overhead + EnvelopeRecord.headerByteCount(version: version)
        for exponent in minimumExponent...maximumExponent where needed <= 1 << exponent {
            return 1 << exponent
        }
        throw EnvelopeError.payloadTooLarge(
            byteCount: payloadByteCount, maximum: maximum - overhead - EnvelopeRecord.headerByteCount(version: version))
    }

    static func isValidTotal(_ count: Int) -> Bool {
        count >= minimum && count <= maximum && count & (count - 1) == 0
    }
}
