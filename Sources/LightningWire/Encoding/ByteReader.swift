/// Reads big-endian fields from a message, throwing `WireError.truncated` with the field's
/// name when the bytes run out.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0
    /// The message being read, for error messages.
    let context: String

    init(_ bytes: [UInt8], context: String) {
        self.bytes = bytes
        self.context = context
    }

    var remainingCount: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    mutating func read(_ count: Int, field: String) throws -> [UInt8] {
        guard count <= remainingCount else {
            throw WireError.truncated(message: context, field: field, needed: count, available: remainingCount)
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func u8(_ field: String) throws -> UInt8 { try read(1, field: field)[0] }

    mutating func u16(_ field: String) throws -> UInt16 {
        try read(2, field: field).reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func u32(_ field: String) throws -> UInt32 {
        try read(4, field: field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64(_ field: String) throws -> UInt64 {
        try read(8, field: field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }
}
