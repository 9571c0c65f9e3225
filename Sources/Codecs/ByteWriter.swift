/// Appends big-endian (and, for Bitcoin transactions, little-endian) fields to a buffer.
@frozen
public struct ByteWriter: Sendable {
    /// Bytes written so far.
    @inlinable public var bytes: [UInt8] { written }
    @usableFromInline var written: [UInt8]

    /// An empty writer with room for `capacity` bytes.
    @inlinable public init(capacity: Int = 0) {
        written = []
        written.reserveCapacity(capacity)
    }

    /// Bytes written so far.
    @inlinable public var count: Int { written.count }

    /// Appends raw bytes.
    @inlinable public mutating func write(_ data: some Sequence<UInt8>) { written.append(contentsOf: data) }
    /// Appends one byte.
    @inlinable public mutating func writeUInt8(_ value: UInt8) { written.append(value) }
    /// Appends a big-endian u16.
    @inlinable public mutating func writeUInt16(_ value: UInt16) { writeBigEndian(UInt64(value), 2) }
    /// Appends a big-endian u32.
    @inlinable public mutating func writeUInt32(_ value: UInt32) { writeBigEndian(UInt64(value), 4) }
    /// Appends a big-endian u64.
    @inlinable public mutating func writeUInt64(_ value: UInt64) { writeBigEndian(value, 8) }

    /// Writes the low `count` bytes of `value`, most significant first.
    @inlinable public mutating func writeBigEndian(_ value: UInt64, _ count: Int) {
        for i in (0..<count).reversed() { written.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    /// Writes the low `count` bytes of `value`, least significant first (Bitcoin transactions).
    @inlinable public mutating func writeLittleEndian(_ value: UInt64, _ count: Int) {
        for i in 0..<count { written.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    /// Bitcoin's CompactSize, always in its shortest form.
    @inlinable public mutating func writeCompactSize(_ value: UInt64) {
        switch value {
        case 0..<0xfd: writeUInt8(UInt8(value))
        case 0xfd...0xffff: writeUInt8(0xfd); writeLittleEndian(value, 2)
        case 0x1_0000...0xffff_ffff: writeUInt8(0xfe); writeLittleEndian(value, 4)
        default: writeUInt8(0xff); writeLittleEndian(value, 8)
        }
    }
}
