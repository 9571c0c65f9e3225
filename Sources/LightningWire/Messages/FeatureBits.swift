/// A BOLT 9 feature vector: a big-endian bitfield where bit 0 is the least significant bit
/// of the last byte. Even bits are required ("compulsory"), odd bits optional.
public struct FeatureBits: Equatable, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    public private(set) var bits: Set<Int>

    /// The highest bit a vector can carry (its u16 length limits it to 65535 bytes).
    public static let maxBit = 65535 * 8 - 1

    public init(_ bits: some Sequence<Int>) {
        self.bits = Set(bits.filter { (0...Self.maxBit).contains($0) })
    }

    public init(arrayLiteral elements: Int...) {
        self.init(elements)
    }

    /// Decodes a feature vector (any length; leading zero bytes allowed).
    public init(encoded bytes: [UInt8]) {
        var set = Set<Int>()
        for (index, byte) in bytes.reversed().enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (1 << bit) != 0 { set.insert(index * 8 + bit) }
        }
        bits = set
    }

    /// The shortest big-endian encoding (empty when no bit is set).
    public func encoded() -> [UInt8] {
        guard let highest = bits.max() else { return [] }
        var bytes = [UInt8](repeating: 0, count: highest / 8 + 1)
        for bit in bits { bytes[bytes.count - 1 - bit / 8] |= 1 << (bit % 8) }
        return bytes
    }

    public func contains(_ bit: Int) -> Bool { bits.contains(bit) }

    /// True if the feature pair containing `bit` is set in either form (required or optional).
    public func supports(_ bit: Int) -> Bool { bits.contains(bit & ~1) || bits.contains(bit | 1) }

    public func union(_ other: FeatureBits) -> FeatureBits { FeatureBits(bits.union(other.bits)) }

    /// Required (even) bits whose feature is not in `known`: a peer must disconnect on these.
    public func unknownRequiredBits(known: Set<Int>) -> [Int] {
        bits.filter { $0 % 2 == 0 && !known.contains($0) && !known.contains($0 + 1) }.sorted()
    }

    public var description: String {
        bits.sorted().map { bit in Self.names[bit & ~1].map { "\($0)(\(bit))" } ?? "\(bit)" }.joined(separator: ",")
    }

    /// Names of the features that matter to a minimal peer (BOLT 9), by their even bit.
    public static let names: [Int: String] = [
        0: "option_data_loss_protect", 8: "var_onion_optin", 12: "option_static_remotekey",
        14: "payment_secret", 16: "basic_mpp", 20: "option_anchor_outputs", 22: "option_anchors",
        44: "option_channel_type",
    ]

    /// What we announce: only optional bits {1, 9, 13, 15, 17, 45} (`0x20000002a202`).
    /// It satisfies lnd (needs bit 0/1), CLN and eclair, and odd bits never make a peer
    /// disconnect (docs/lightning-wire.md, "Feature bits").
    public static let minimalPeer: FeatureBits = [1, 9, 13, 15, 17, 45]
}
