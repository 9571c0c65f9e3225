/// A bounds-checked cursor over untrusted bytes. Every read names what it reads, so a short or
/// corrupt input fails with an error that says which field was cut off and where.
/// Inlinable: SCB parsing reads thousands of fields per backup, and an unspecialized generic call
/// from another module would cost more than the read.
@frozen
public struct ByteReader<Failure: ByteReadFailure>: Sendable {
    public let bytes: [UInt8]
    /// Offset of the next unread byte.
    @inlinable public var offset: Int { position }
    @usableFromInline var position: Int
    /// Reading stops here (the end of the bytes, or of a block inside them).
    @usableFromInline let end: Int
    /// A label for errors, such as the message being read.
    public let context: String

    /// A reader over `bytes`, starting at `offset` (clamped to the bytes).
    @inlinable
    public init(_ bytes: [UInt8], offset: Int = 0, context: String = "") {
        self.bytes = bytes
        end = bytes.count
        position = Swift.min(Swift.max(offset, 0), end)
        self.context = context
    }

    /// A reader over `block` of `bytes` only, without copying it; offsets stay those of `bytes`.
    @inlinable
    public init(_ bytes: [UInt8], block: Range<Int>, context: String = "") {
        self.bytes = bytes
        end = Swift.min(Swift.max(block.upperBound, 0), bytes.count)
        position = Swift.min(Swift.max(block.lowerBound, 0), end)
        self.context = context
    }

    /// Bytes not yet read.
    @inlinable public var remaining: Int { end - offset }
    /// True once every byte has been read.
    @inlinable public var isAtEnd: Bool { offset == end }

    /// Reads `count` bytes; `what` names the field in the error if they are not there.
    @inlinable
    public mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(Failure) -> [UInt8] {
        Array(bytes[try skip(count, what())])
    }

    /// Everything not read yet.
    @inlinable
    public mutating func readRest() -> [UInt8] {
        defer { position = end }
        return Array(bytes[offset..<end])
    }

    /// Passes over `count` bytes without copying them and returns where they are.
    @inlinable @discardableResult
    public mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws(Failure) -> Range<Int> {
        try require(count, what())
        defer { position += count }
        return offset..<offset + count
    }

    /// The next byte, without moving on.
    @inlinable
    public func peekUInt8(_ what: @autoclosure () -> String) throws(Failure) -> UInt8 {
        try require(1, what())
        return bytes[offset]
    }

    @inlinable
    public mutating func readUInt8(_ what: @autoclosure () -> String) throws(Failure) -> UInt8 {
        try require(1, what())
        defer { position += 1 }
        return bytes[offset]
    }

    /// Reads a big-endian u16.
    @inlinable
    public mutating func readUInt16(_ what: @autoclosure () -> String) throws(Failure) -> UInt16 {
        UInt16(truncatingIfNeeded: try readBigEndian(2, what()))
    }

    /// Reads a big-endian u32.
    @inlinable
    public mutating func readUInt32(_ what: @autoclosure () -> String) throws(Failure) -> UInt32 {
        UInt32(truncatingIfNeeded: try readBigEndian(4, what()))
    }

    /// Reads a big-endian u64.
    @inlinable
    public mutating func readUInt64(_ what: @autoclosure () -> String) throws(Failure) -> UInt64 {
        try readBigEndian(8, what())
    }

    /// Reads an unsigned big-endian integer of `count` (≤ 8) bytes, e.g. the 3-byte SCID fields.
    @inlinable
    public mutating func readBigEndian(_ count: Int, _ what: @autoclosure () -> String) throws(Failure) -> UInt64 {
        try require(count, what())
        var value: UInt64 = 0
        for i in 0..<count { value = value << 8 | UInt64(bytes[offset + i]) }
        position += count
        return value
    }

    /// Little-endian integers appear only inside Bitcoin transactions.
    @inlinable
    public mutating func readLittleEndian(_ count: Int, _ what: @autoclosure () -> String) throws(Failure) -> UInt64 {
        try require(count, what())
        var value: UInt64 = 0
        for i in (0..<count).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        position += count
        return value
    }

    /// Bitcoin's CompactSize. Like btcd, non-canonical (over-long) encodings are rejected,
    /// which keeps decode → encode byte-exact.
    @inlinable
    public mutating func readCompactSize(_ what: @autoclosure () -> String) throws(Failure) -> UInt64 {
        let start = offset
        let prefix = try readUInt8(what())
        let value: UInt64
        let minimum: UInt64
        switch prefix {
        case 0xfd: value = try readLittleEndian(2, what()); minimum = 0xfd
        case 0xfe: value = try readLittleEndian(4, what()); minimum = 0x1_0000
        case 0xff: value = try readLittleEndian(8, what()); minimum = 0x1_0000_0000
        default: return UInt64(prefix)
        }
        guard value >= minimum else { throw .nonCanonicalCompactSize(context: context, what: what(), offset: start) }
        return value
    }

    @inlinable
    func require(_ count: Int, _ what: @autoclosure () -> String) throws(Failure) {
        guard count >= 0, count <= remaining else {
            throw .truncated(context: context, what: what(), offset: offset, needed: count, available: remaining)
        }
    }
}
