import Codecs

/// The cursor Lightning messages are read with: a cut-off field is a `WireError` naming the
/// message (the reader's context) and the field.
typealias WireReader = ByteReader<WireError>

extension WireError: ByteReadFailure {
    public static func truncated(context: String, what: String, offset: Int, needed: Int, available: Int) -> WireError {
        .truncated(message: context, field: what, needed: needed, available: available)
    }

    public static func nonCanonicalCompactSize(context: String, what: String, offset: Int) -> WireError {
        .invalidField(message: context, field: what, reason: "a CompactSize not in its shortest form")
    }
}
