import Codecs

/// The name of a versioned blob inside one account, for example `channel-backup`.
///
/// Names are deliberately boring so that they are safe in URL paths, file names and SQL:
/// 1 to 128 characters from `A-Z a-z 0-9 . _ -`, starting with a letter or digit.
/// That rules out every path trick (`/`, `..`, `%2F`, empty names, control characters).
public struct BlobName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let maxLength = 128
    public static let digestByteCount = 32

    public let rawValue: String
    /// The 32 bytes a name of 64 hex characters spells (the names casa's agents use: a keyed
    /// hash of a logical name, docs/design.md §4.4); nil for any other name. Envelopes are bound
    /// to these bytes.
    public let digest: [UInt8]?

    /// Validates `rawValue`; throws `BlobStoreError.invalidName` with the rule it breaks.
    public init(_ rawValue: String) throws {
        guard Self.isValid(rawValue) else {
            throw BlobStoreError(
                .invalidName,
                "blob name \"\(rawValue.prefix(40))\" is invalid: use 1 to \(Self.maxLength) characters from A-Z a-z 0-9 . _ -, starting with a letter or digit"
            )
        }
        self.rawValue = rawValue
        digest = rawValue.utf8.count == 2 * Self.digestByteCount ? Hex.decode(rawValue) : nil
    }

    /// The name that spells `digest` (32 bytes) in lowercase hex.
    public init(digest: [UInt8]) {
        precondition(digest.count == Self.digestByteCount, "a blob name digest is 32 bytes")
        rawValue = Hex.encode(digest)
        self.digest = digest
    }

    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...maxLength).contains(bytes.count), let first = bytes.first, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
    }

    public var description: String { rawValue }

    public static func < (lhs: BlobName, rhs: BlobName) -> Bool { lhs.rawValue < rhs.rawValue }
}
