import Secp256k1
import Sodium
import Codecs

/// 33 bytes that should be a compressed secp256k1 point. The raw bytes are kept exactly
/// (so a backup re-encodes byte for byte even if a key is bad), and `isValidPoint` says
/// whether libsecp256k1 accepts them. lnd itself refuses to load a Single with an invalid key.
public struct CompressedPublicKey: Hashable, Sendable, CustomStringConvertible, SingleBackupField {
    public static let byteCount = 33

    /// The 33 bytes as stored.
    public let bytes: [UInt8]

    /// Wraps 33 bytes without checking that they are a point (see `isValidPoint`).
    public init(bytes: [UInt8]) throws(ChannelBackupError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidField(what: "public key", reason: "must be 33 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// The compressed form of a parsed key.
    public init(_ key: PublicKey) {
        bytes = key.compressed
    }

    /// The parsed point, or nil if the bytes are not a valid compressed point.
    public var publicKey: PublicKey? {
        guard bytes.first == 0x02 || bytes.first == 0x03 else { return nil }
        return try? PublicKey(bytes: bytes)
    }

    /// True if libsecp256k1 accepts the bytes as a compressed point.
    public var isValidPoint: Bool { publicKey != nil }

    /// True for the all-zero placeholder lnd writes when a shachain root pubkey is absent.
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    /// Lowercase hex of the 33 bytes.
    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    static func read(from reader: inout ChannelBackupReader, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> CompressedPublicKey {
        CompressedPublicKey(unchecked: try reader.readBytes(byteCount, what()))
    }

    static func skip(_ reader: inout ChannelBackupReader, _ what: @autoclosure () -> String) throws(ChannelBackupError) {
        try reader.skip(byteCount, what())
    }

    func write(to writer: inout ByteWriter) {
        writer.write(bytes)
    }

    private init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    static let zero = CompressedPublicKey(unchecked: [UInt8](repeating: 0, count: byteCount))
}
