/// A Lightning value (a txid, a channel point, a short channel id) that is out of range or
/// could not be parsed. The message says what was wrong and what is expected.
public enum LightningValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value the type does not allow (a 31-byte txid, a block height above 3 bytes).
    case invalidField(what: String, reason: String)
    /// Text that does not parse ("txid:vout", "BLOCKxTXxOUT").
    case invalidText(what: String, text: String, expected: String)

    public var description: String {
        switch self {
        case let .invalidField(what, reason): "invalid \(what): \(reason)"
        case let .invalidText(what, text, expected): "invalid \(what) \"\(text)\": expected \(expected)"
        }
    }
}
