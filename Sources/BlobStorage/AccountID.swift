import Codecs

/// A vault account: 32 bytes, shown as 64 lowercase hex characters in URLs, file names and SQL.
/// The vault derives nothing from it; owners compute it as a commitment to their key
/// (docs/design.md §4.6; `AccountID.preimage(ownerKey:)` in VaultAPI, `init(ownerPublicKey:)`
/// in BackupCore). Both forms are kept, so neither side converts per use.
public struct AccountID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let byteCount = 32
    public static let hexLength = 64

    public let bytes: [UInt8]
    /// Lowercase hex of `bytes`.
    public let hex: String

    /// From the 32 bytes (a SHA-256 output); nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
        hex = Hex.encode(bytes)
    }

    /// From 64 hex characters in either case; nil otherwise.
    public init?(hex text: String) {
        guard text.utf8.count == Self.hexLength, let bytes = Hex.decode(text) else { return nil }
        self.bytes = bytes
        hex = text.lowercased()
    }

    public var description: String { hex }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.hex < rhs.hex }
}
