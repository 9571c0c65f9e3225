/// Appends big-endian (and, for Bitcoin transactions, little-endian) fields to a buffer.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8]

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Bytes written so far.
    public var count: Int { bytes.count }

    /// Appends raw bytes.
    public mutating func write(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }
    /// Appends one byte.
    public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }
    /// Appends a big-endian u16.
    public mutating func writeUInt16(_ value: UInt16) { writeBigEndian(UInt64(value), 2) }
    /// Appends a big-endian u32.
    public mutating func writeUInt32(_ value: UInt32) { writeBigEndian(UInt64(value), 4) }
    /// Appends a big-endian u64.
    public mutating func writeUInt64(_ value: UInt64) { writeBigEndian(value, 8) }

    /// Writes the low `count` bytes of `value`, most significant first.
    public mutating func writeBigEndian(_ value: UInt64, _ count: Int) {
        for i in (0..<count).reversed() { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    /// Writes the low `count` bytes of `value`, least significant first (Bitcoin transactions).
    public mutating func writeLittleEndian(_ value: UInt64, _ count: Int) {
        for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    /// Bitcoin's CompactSize, always in its shortest form.
    public mutating func writeCompactSize(_ value: UInt64) {
        switch value {
        case 0..<0xfd: writeUInt8(UInt8(value))
        case 0xfd...0xffff: writeUInt8(0xfd); writeLittleEndian(value, 2)
        case 0x1_0000...0xffff_ffff: writeUInt8(0xfe); writeLittleEndian(value, 4)
        default: writeUInt8(0xff); writeLittleEndian(value, 8)
        }
    }
}
