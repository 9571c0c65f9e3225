/// Why a Lightning message (or a value inside one) could not be decoded. The messages say
/// which message and field was wrong, so a log line is enough to see what the peer sent.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer bytes than the field needs.
    case truncated(message: String, field: String, needed: Int, available: Int)
    /// A message shorter than its 2-byte type.
    case missingType(byteCount: Int)
    /// A message whose type is not the one this decoder handles.
    case wrongType(expected: UInt16, got: UInt16)
    /// A TLV stream broke a BOLT 1 rule (order, minimal encoding, length, unknown even type).
    case badTLV(message: String, reason: String)
    /// A field held a value the spec forbids (e.g. an invalid curve point).
    case invalidField(message: String, field: String, reason: String)
    /// A message longer than 65535 bytes.
    case messageTooLarge(Int)

    public var description: String {
        switch self {
        case .truncated(let message, let field, let needed, let available):
            return "\(message): field \(field) needs \(needed) bytes, only \(available) left; the message is truncated or malformed"
        case .missingType(let n):
            return "a Lightning message needs at least 2 bytes for its type, got \(n)"
        case .wrongType(let expected, let got):
            return "expected message type \(expected), got \(got)"
        case .badTLV(let message, let reason):
            return "\(message): malformed TLV stream: \(reason)"
        case .invalidField(let message, let field, let reason):
            return "\(message): field \(field) is invalid: \(reason)"
        case .messageTooLarge(let n):
            return "a Lightning message is at most 65535 bytes, this one is \(n)"
        }
    }
}
