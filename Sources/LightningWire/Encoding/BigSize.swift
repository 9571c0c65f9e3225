import Codecs

/// BOLT 1's BigSize: a big-endian varint (`< 0xfd` one byte; `fd` u16; `fe` u32; `ff` u64)
/// that must use its shortest form.
enum BigSize {
    static func encode(_ value: UInt64) -> [UInt8] {
        var w = ByteWriter()
        switch value {
        case ..<0xfd: w.writeUInt8(UInt8(value))
        case ..<0x10000: w.writeUInt8(0xfd); w.writeUInt16(UInt16(value))
        case ..<0x1_0000_0000: w.writeUInt8(0xfe); w.writeUInt32(UInt32(value))
        default: w.writeUInt8(0xff); w.writeUInt64(value)
        }
        return w.bytes
    }

    /// Reads one BigSize; a non-minimal encoding is an error.
    static func read(_ reader: inout WireReader, field: String) throws -> UInt64 {
        let first = try reader.readUInt8(field)
        let value: UInt64
        let minimum: UInt64
        switch first {
        case 0xfd: value = UInt64(try reader.readUInt16(field)); minimum = 0xfd
        case 0xfe: value = UInt64(try reader.readUInt32(field)); minimum = 0x10000
        case 0xff: value = try reader.readUInt64(field); minimum = 0x1_0000_0000
        default: return UInt64(first)
        }
        guard value >= minimum else {
            throw WireError.badTLV(message: reader.context, reason: "\(field) uses a non-minimal BigSize encoding")
        }
        return value
    }
}
