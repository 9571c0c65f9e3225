import Sodium
import Codecs

/// A public 32-byte identifier shown as 64 lowercase hex characters (account IDs, blob IDs).
public protocol HexIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The 32 raw bytes.
    var bytes: [UInt8] { get }
    /// What the identifier is, for error messages.
    static var kindName: String { get }
    init(uncheckedBytes: [UInt8])
}

extension HexIdentifier {
    public static var byteCount: Int { 32 }

    /// The 64 lowercase hex characters used in the vault API and in file names.
    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }

    /// Parses 64 hex characters (either case).
    public init(hex text: String) throws {
        guard text.utf8.count == 2 * Self.byteCount, let raw = Hex.decode(text) else {
            throw BackupKeyError.invalidIdentifier(what: Self.kindName, text: text)
        }
        self.init(uncheckedBytes: raw)
    }
}
