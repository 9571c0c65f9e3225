/// Big-endian integers and magic checks for our byte formats (envelope, unlock seal).
enum BinaryFields {
    /// True if `bytes` is non-empty and starts with `magic`, or with as much of it as it holds
    /// (so a cut-off prefix of a real header is reported as truncated, not as foreign).
    static func startsWithMagic(_ bytes: [UInt8], _ magic: [UInt8]) -> Bool {
        let length = min(bytes.count, magic.count)
        return length > 0 && bytes[0..<length].elementsEqual(magic[0..<length])
    }

    static func appendUInt64(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Copies `bytes` over `out[offset..<offset + bytes.count]` (one memcpy; the caller made room).
    static func copy(_ bytes: [UInt8], into out: inout [UInt8], at offset: Int) {
        precondition(offset >= 0 && offset + bytes.count <= out.count, "copy past the end of the buffer")
        bytes.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { target in
                guard let base = source.baseAddress, let start = target.baseAddress else { return }
                (start + offset).copyMemory(from: base, byteCount: source.count)
            }
        }
    }

    /// Reads 8 bytes at `offset`; the caller has checked the bounds.
    static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes[offset..<offset + 8].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Reads 4 bytes at `offset`; the caller has checked the bounds.
    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
