/// The AES encryption round (SubBytes, ShiftRows, MixColumns, AddRoundKey) in software,
/// as AEZ uses it: no initial key whitening, and MixColumns in every round, the last included.
///
/// Table-based: the S-box is computed from its definition (multiplicative inverse in
/// GF(2^8) followed by the affine map), and the four T-tables fold SubBytes and MixColumns.
/// Lookups depend on secret data (cache timing); this is acceptable for aezeed, which
/// runs once per recovery on the user's own machine, and is documented in docs/seed.md.
enum AESRound {
    /// The AES S-box.
    static let sbox: [UInt8] = makeSBox()

    /// T0[x] = (2·S[x], S[x], S[x], 3·S[x]) as a big-endian word; T1..T3 are its byte rotations.
    static let t0: [UInt32] = sbox.map { s in
        UInt32(times2(s)) << 24 | UInt32(s) << 16 | UInt32(s) << 8 | UInt32(times2(s) ^ s)
    }
    static let t1: [UInt32] = t0.map { rotateRight($0, 8) }
    static let t2: [UInt32] = t0.map { rotateRight($0, 16) }
    static let t3: [UInt32] = t0.map { rotateRight($0, 24) }

    /// Applies one full round per key in `keys`, in order.
    static func apply(_ block: AEZBlock, keys: [AEZBlock]) -> AEZBlock {
        var s = block
        for k in keys {
            let a = t0[Int(s.w0 >> 24)] ^ t1[Int(s.w1 >> 16 & 0xff)] ^ t2[Int(s.w2 >> 8 & 0xff)] ^ t3[Int(s.w3 & 0xff)]
            let b = t0[Int(s.w1 >> 24)] ^ t1[Int(s.w2 >> 16 & 0xff)] ^ t2[Int(s.w3 >> 8 & 0xff)] ^ t3[Int(s.w0 & 0xff)]
            let c = t0[Int(s.w2 >> 24)] ^ t1[Int(s.w3 >> 16 & 0xff)] ^ t2[Int(s.w0 >> 8 & 0xff)] ^ t3[Int(s.w1 & 0xff)]
            let d = t0[Int(s.w3 >> 24)] ^ t1[Int(s.w0 >> 16 & 0xff)] ^ t2[Int(s.w1 >> 8 & 0xff)] ^ t3[Int(s.w2 & 0xff)]
            s = AEZBlock(w0: a ^ k.w0, w1: b ^ k.w1, w2: c ^ k.w2, w3: d ^ k.w3)
        }
        return s
    }

    /// Multiplication by x (0x02) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
    static func times2(_ b: UInt8) -> UInt8 {
        (b << 1) ^ (b & 0x80 != 0 ? 0x1b : 0)
    }

    private static func rotateRight(_ w: UInt32, _ n: UInt32) -> UInt32 {
        w >> n | w << (32 - n)
    }

    private static func rotateLeft(_ b: UInt8, _ n: UInt8) -> UInt8 {
        b << n | b >> (8 - n)
    }

    /// Walks the multiplicative group with generator 3: p runs through 3^k and q through
    /// 3^-k, so q is p's inverse; S[p] is the affine map of q.
    private static func makeSBox() -> [UInt8] {
        var box = [UInt8](repeating: 0, count: 256)
        var p: UInt8 = 1
        var q: UInt8 = 1
        repeat {
            p = p ^ times2(p)
            q ^= q << 1
            q ^= q << 2
            q ^= q << 4
            if q & 0x80 != 0 { q ^= 0x09 }
            let affine = q ^ rotateLeft(q, 1) ^ rotateLeft(q, 2) ^ rotateLeft(q, 3) ^ rotateLeft(q, 4)
            box[Int(p)] = affine ^ 0x63
        } while p != 1
        box[0] = 0x63
        return box
    }
}
