import Sodium
import Codecs

/// Names one run of one agent (docs/envelope.md §4.1): 8 random bytes chosen every time an agent
/// starts writing. Two copies of a disk that both write get two different IDs, so recovery can
/// tell their snapshots apart even when their counters collide.
public struct WriterID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let byteCount = 8
    public let bytes: [UInt8]

    /// Fails unless `bytes` is exactly 8 bytes long.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Reads a hex string as written by `hex` (16 characters).
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex) else { return nil }
        self.init(bytes: bytes)
    }

    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    public static func < (a: WriterID, b: WriterID) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
