/// A bounds-checked cursor over untrusted bytes. Every read names what it reads, so a
/// short or corrupt backup fails with an error that says which field was cut off and where.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    /// Offset of the next unread byte.
    public private(set) var offset: Int
    /// Reading stops here (the end of the bytes, or of a length-prefixed block inside them).
    let end: Int

    /// A reader over `bytes`, starting at `offset` (clamped to the bytes).
    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        end = bytes.count
        self.offset = Swift.min(Swift.max(offset, 0), end)
    }

    /// A reader over `block` of `bytes` only (e.g. a Single's address list), without copying it;
    /// offsets stay those of `bytes`.
    init(_ bytes: [UInt8], block: Range<Int>) {
        self.bytes = bytes
        end = Swift.min(Swift.max(block.upperBound, 0), bytes.count)
        offset = Swift.min(Swift.max(block.lowerBound, 0), end)
    }

    /// Bytes not yet read.
    public var remaining: Int { end - offset }
    /// True once every byte has been read.
    public var isAtEnd: Bool { offset == end }

    /// Reads `count` bytes; `what` names the field in the error if they are not there.
    public mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> [UInt8] {
        Array(bytes[try skip(count, what())])
    }

    /// Passes over `count` bytes without copying them and returns where they are; the same
    /// check and error as `readBytes`.
    @discardableResult
    public mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> Range<Int> {
        try require(count, what())
        defer { offset += count }
        return offset..<offset + count
    }

    /// The next byte, without moving on.
    public func peekUInt8(_ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt8 {
        try require(1, what())
        return bytes[offset]
    }

    /// Reads one byte.
    public mutating func readUInt8(_ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt8 {
        try require(1, what())
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a big-endian u16.
    public mutating func readUInt16(_ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readBigEndian(2, what()))
    }

    /// Reads a big-endian u32.
    public mutating func readUInt32(_ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readBigEndian(4, what()))
    }

    /// Reads a big-endian u64.
    public mutating func readUInt64(_ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt64 {
        try readBigEndian(8, what())
    }

    /// Reads an unsigned big-endian integer of `count` (≤ 8) bytes, e.g. the 3-byte SCID fields.
    public mutating func readBigEndian(_ count: Int, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt64 {
        try require(count, what())
        var value: UInt64 = 0
        for i in 0..<count { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += count
        return value
    }

    /// Little-endian integers appear only inside Bitcoin transactions.
    public mutating func readLittleEndian(_ count: Int, _ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt64 {
        try require(count, what())
        var value: UInt64 = 0
        for i in (0..<count).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += count
        return value
    }

    /// Bitcoin's CompactSize. Like btcd, non-canonical (over-long) encodings are rejected,
    /// which keeps decode → encode byte-exact.
    public mutating func readCompactSize(_ what: @autoclosure () -> String) throws(ChannelBackupError) -> UInt64 {
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
        guard value >= minimum else { throw .nonCanonicalCompactSize(what: what(), offset: start) }
        return value
    }

    private func require(_ count: Int, _ what: @autoclosure () -> String) throws(ChannelBackupError) {
        guard count >= 0, count <= remaining else {
            throw .truncated(what: what(), offset: offset, needed: count, available: remaining)
        }
    }
}
