import Sodium

/// One 128-bit block, held as four big-endian 32-bit words: the layout the AES T-tables
/// work on, so AEZ's tweak arithmetic and the AES rounds need no conversions.
struct AEZBlock: Equatable, Sendable {
    var w0: UInt32 = 0
    var w1: UInt32 = 0
    var w2: UInt32 = 0
    var w3: UInt32 = 0

    static let zero = AEZBlock()
    static let byteCount = 16

    init() {}

    init(w0: UInt32, w1: UInt32, w2: UInt32, w3: UInt32) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// The 16 bytes of `bytes` starting at `offset`; the caller guarantees they exist.
    init(_ bytes: [UInt8], at offset: Int = 0) {
        func word(_ o: Int) -> UInt32 {
            UInt32(bytes[o]) << 24 | UInt32(bytes[o + 1]) << 16 | UInt32(bytes[o + 2]) << 8 | UInt32(bytes[o + 3])
        }
        self.init(w0: word(offset), w1: word(offset + 4), w2: word(offset + 8), w3: word(offset + 12))
    }

    /// AEZ's `X10*` padding of a string shorter than a block: the bytes, one 0x80, then zeros.
    /// The empty string pads to 0x80 followed by 15 zeros.
    static func padded(_ bytes: ArraySlice<UInt8>) -> AEZBlock {
        var buffer = [UInt8](repeating: 0, count: byteCount)
        var k = 0
        for b in bytes {
            buffer[k] = b
            k += 1
        }
        buffer[k] = 0x80
        let block = AEZBlock(buffer)
        SecureBytes.zero(&buffer)
        return block
    }

    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: AEZBlock.byteCount)
        store(into: &out, at: 0)
        return out
    }

    func store(into bytes: inout [UInt8], at offset: Int) {
        for (k, w) in [w0, w1, w2, w3].enumerated() {
            bytes[offset + 4 * k] = UInt8(truncatingIfNeeded: w >> 24)
            bytes[offset + 4 * k + 1] = UInt8(truncatingIfNeeded: w >> 16)
            bytes[offset + 4 * k + 2] = UInt8(truncatingIfNeeded: w >> 8)
            bytes[offset + 4 * k + 3] = UInt8(truncatingIfNeeded: w)
        }
    }

    /// The first byte (AEZ-tiny uses its top bit).
    var firstByte: UInt8 { UInt8(truncatingIfNeeded: w0 >> 24) }

    static func ^ (a: AEZBlock, b: AEZBlock) -> AEZBlock {
        AEZBlock(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2, w3: a.w3 ^ b.w3)
    }

    static func ^= (a: inout AEZBlock, b: AEZBlock) {
        a = a ^ b
    }

    /// Multiplication by 2 in GF(2^128): a left shift of the big-endian value,
    /// reducing with 0x87 into the last byte when the top bit falls off.
    func doubled() -> AEZBlock {
        let carry = w0 >> 31
        return AEZBlock(
            w0: w0 << 1 | w1 >> 31,
            w1: w1 << 1 | w2 >> 31,
            w2: w2 << 1 | w3 >> 31,
            w3: w3 << 1 ^ (carry * 0x87)
        )
    }

    /// `x · self` in GF(2^128) for a small public integer x (AEZ's tweak multiples).
    func times(_ x: Int) -> AEZBlock {
        var result = AEZBlock.zero
        var power = self
        var k = x
        while k != 0 {
            if k & 1 != 0 { result ^= power }
            power = power.doubled()
            k >>= 1
        }
        return result
    }

    /// The big-endian 128-bit successor (AEZ-PRF's counter).
    func incremented() -> AEZBlock {
        var b = self
        b.w3 &+= 1
        if b.w3 == 0 {
            b.w2 &+= 1
            if b.w2 == 0 {
                b.w1 &+= 1
                if b.w1 == 0 { b.w0 &+= 1 }
            }
        }
        return b
    }
}
