import Sodium

extension AEZKeyState {
    /// AEZ-tiny: the enciphering scheme for 1 ≤ n < 32 bytes, a balanced Feistel network on
    /// the two halves (which split inside a byte when n is odd). aezeed's 23-byte seed
    /// always takes this path. `decipher` runs the rounds backwards.
    func tiny(delta: AEZBlock, input: [UInt8], decipher: Bool) -> [UInt8] {
        let n = input.count
        let half = (n + 1) / 2
        let mid = n / 2
        let odd = n % 2 == 1
        let rounds: Int
        var iTweak = 7
        switch n {
        case 1: rounds = 24
        case 2: rounds = 16
        case 3..<16: rounds = 10
        default:
            rounds = 8
            iTweak = 6
        }

        var left = [UInt8](repeating: 0, count: AEZBlock.byteCount)
        var right = [UInt8](repeating: 0, count: AEZBlock.byteCount)
        defer {
            SecureBytes.zero(&left)
            SecureBytes.zero(&right)
        }
        left.replaceSubrange(0..<half, with: input[0..<half])
        right.replaceSubrange(0..<half, with: input[mid..<(mid + half)])
        // The half-block padding: after the last bit of a half comes a 1 bit.
        var pad: UInt8 = 0x80
        var mask: UInt8 = 0x00
        if odd {
            // Drop the nibble that belongs to the left half.
            for k in 0..<mid { right[k] = right[k] << 4 | right[k + 1] >> 4 }
            right[mid] = right[mid] << 4
            pad = 0x08
            mask = 0xf0
        }

        // Short inputs carry one extra bit through a separate E call so that the
        // permutation stays a strong PRP; undo it first when deciphering.
        var roundTweak = 0
        var step = 1
        if decipher {
            if n < 16 { left[0] ^= topBit(of: input, delta: delta) }
            roundTweak = rounds - 1
            step = -1
        }

        func roundFunction(_ half16: [UInt8], _ tweak: Int) -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: AEZBlock.byteCount)
            buffer.replaceSubrange(0..<half, with: half16[0..<half])
            buffer[mid] = (buffer[mid] & mask) | pad
            var block = AEZBlock(buffer) ^ delta
            block.w3 ^= UInt32(UInt8(truncatingIfNeeded: tweak))
            SecureBytes.zero(&buffer)
            return e(0, iTweak, block).bytes
        }

        for _ in 0..<(rounds / 2) {
            var f = roundFunction(right, roundTweak)
            for k in 0..<AEZBlock.byteCount { left[k] ^= f[k] }
            f = roundFunction(left, roundTweak + step)
            for k in 0..<AEZBlock.byteCount { right[k] ^= f[k] }
            SecureBytes.zero(&f)
            roundTweak += 2 * step
        }

        // Output is R || L (the halves swap), rejoined at a nibble when n is odd.
        var out = [UInt8](repeating: 0, count: 2 * AEZBlock.byteCount)
        out.replaceSubrange(0..<mid, with: right[0..<mid])
        out.replaceSubrange(mid..<(mid + half), with: left[0..<half])
        if odd {
            var k = n - 1
            while k > mid {
                out[k] = out[k] >> 4 | out[k - 1] << 4
                k -= 1
            }
            out[mid] = left[0] >> 4 | (right[mid] & 0xf0)
        }
        var result = Array(out[0..<n])
        SecureBytes.zero(&out)
        if n < 16 && !decipher { result[0] ^= topBit(of: result, delta: delta) }
        return result
    }

    /// The top bit of E^{0,3}((X with its first bit set, zero-padded) ⊕ Δ): the extra bit
    /// AEZ-tiny mixes into the first byte of inputs shorter than a block.
    private func topBit(of bytes: [UInt8], delta: AEZBlock) -> UInt8 {
        var buffer = [UInt8](repeating: 0, count: AEZBlock.byteCount)
        buffer.replaceSubrange(0..<bytes.count, with: bytes)
        buffer[0] |= 0x80
        let block = AEZBlock(buffer) ^ delta
        SecureBytes.zero(&buffer)
        return e(0, 3, block).firstByte & 0x80
    }
}
