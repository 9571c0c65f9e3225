/// The error a `ByteReader` throws when the bytes run out. Each format (SCB, BOLT messages)
/// supplies its own error type, so a cut-off field is reported in that format's words.
public protocol ByteReadFailure: Error {
    /// `what` needed `needed` bytes at `offset`, and only `available` were left. `context` is the
    /// reader's label (a message name), empty when the caller gave none.
    static func truncated(context: String, what: String, offset: Int, needed: Int, available: Int) -> Self
    /// A CompactSize was not in its shortest form.
    static func nonCanonicalCompactSize(context: String, what: String, offset: Int) -> Self
}
