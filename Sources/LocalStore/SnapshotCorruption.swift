/// A snapshot file that failed verification. It is never served; readers fall back to an older
/// intact version and hand these reports up so the agent can warn.
public struct SnapshotCorruption: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unreadable(errno: Int32)
        case truncated(expectedAtLeast: Int, actual: Int)
        case badMagic
        case unsupportedVersion(UInt8)
        case headerChecksumMismatch
        case lengthMismatch(expected: Int, actual: Int)
        case contentHashMismatch
        case sequenceMismatch(name: UInt64, header: UInt64)
    }

    public let path: String
    /// The sequence number from the file name, when the name is one of ours.
    public let sequence: UInt64?
    public let reason: Reason

    public init(path: String, sequence: UInt64?, reason: Reason) {
        self.path = path
        self.sequence = sequence
        self.reason = reason
    }

    public var description: String {
        let what: String
        switch reason {
        case .unreadable(let code): what = "cannot be read: \(ErrnoCode.describe(code))"
        case .truncated(let expected, let actual): what = "is truncated (\(actual) bytes, at least \(expected) expected)"
        case .badMagic: what = "is not a casa snapshot file"
        case .unsupportedVersion(let v): what = "has format version \(v), which this casa does not know: upgrade casa"
        case .headerChecksumMismatch: what = "has a damaged header"
        case .lengthMismatch(let expected, let actual): what = "has \(actual) bytes where its header says \(expected) (torn write)"
        case .contentHashMismatch: what = "has content that does not match its hash (damaged)"
        case .sequenceMismatch(let name, let header): what = "is named #\(name) but its header says #\(header)"
        }
        return "snapshot file \(path) \(what); it is ignored and an older intact version is used. "
            + "Check the disk (dmesg, SMART) if this repeats"
    }
}
