/// Unsigned LEB128 varints, as used by protobuf and the macaroon v2 field lengths.
enum Varint {
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var remaining = value
        while remaining >= 0x80 {
            out.append(UInt8(remaining & 0x7f) | 0x80)
            remaining >>= 7
        }
        out.append(UInt8(remaining))
    }

    /// Reads a varint at `position`, advancing it; nil when truncated or longer than 10 bytes.
    static func read(_ bytes: [UInt8], at position: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 70 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
