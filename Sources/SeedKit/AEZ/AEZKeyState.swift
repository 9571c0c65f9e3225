import Sodium

/// The expanded AEZ v5 key (I, J, L) and the tweakable block cipher E built from it.
struct AEZKeyState {
    static let extractedKeyCount = 48

    let i: AEZBlock
    let j: AEZBlock
    let l: AEZBlock
    /// AES4 round keys: J, I, L, 0.
    private let aes4Keys: [AEZBlock]
    /// AES10 round keys: I, J, L, I, J, L, I, J, L, I.
    private let aes10Keys: [AEZBlock]

    /// Expands `key` as AEZ's Extract does: a 48-byte key is used as is, any other
    /// length is hashed with unkeyed BLAKE2b-384.
    init(key: SecureBytes) throws {
        var bytes = try AEZKeyState.extract(key).unsafeCopy()
        defer { SecureBytes.zero(&bytes) }
        self.init(extracted: bytes)
    }

    init(extracted bytes: [UInt8]) {
        i = AEZBlock(bytes, at: 0)
        j = AEZBlock(bytes, at: 16)
        l = AEZBlock(bytes, at: 32)
        aes4Keys = [j, i, l, .zero]
        aes10Keys = [i, j, l, i, j, l, i, j, l, i]
    }

    static func extract(_ key: SecureBytes) throws -> SecureBytes {
        if key.count == extractedKeyCount { return try key.slice(0..<extractedKeyCount) }
        return try BLAKE2b.hash(key, outputByteCount: extractedKeyCount)
    }

    /// E^{j,i}(X). For j = -1 this is AES10(X ⊕ i·L); otherwise
    /// AES4(X ⊕ j·J ⊕ 2^⌈i/8⌉·I ⊕ (i mod 8)·L).
    func e(_ jTweak: Int, _ iTweak: Int, _ x: AEZBlock) -> AEZBlock {
        if jTweak == -1 {
            return AESRound.apply(x ^ l.times(iTweak), keys: aes10Keys)
        }
        var iPower = i
        for _ in 0..<((iTweak + 7) / 8) { iPower = iPower.doubled() }
        let delta = j.times(jTweak) ^ iPower ^ l.times(iTweak % 8)
        return AESRound.apply(x ^ delta, keys: aes4Keys)
    }

    /// AEZ-hash: the 128-bit digest Δ of τ (in bits) and the tweak vector (nonce first, then
    /// each associated-data string). String k is absorbed under j = 4 + k: full blocks under
    /// i = 1, 2, ..., and a final partial (or empty) string padded with 10* under i = 0.
    func hash(tweaks: [[UInt8]], tauBits: Int) -> AEZBlock {
        var sum = e(3, 1, AEZBlock(w0: 0, w1: 0, w2: 0, w3: UInt32(truncatingIfNeeded: tauBits)))
        for (k, tweak) in tweaks.enumerated() {
            let jTweak = 4 + k
            var offset = 0
            var index = 1
            while tweak.count - offset >= AEZBlock.byteCount {
                sum ^= e(jTweak, index, AEZBlock(tweak, at: offset))
                offset += AEZBlock.byteCount
                index += 1
            }
            if offset < tweak.count || tweak.isEmpty {
                sum ^= e(jTweak, 0, AEZBlock.padded(tweak[offset...]))
            }
        }
        return sum
    }

    /// AEZ-PRF: `byteCount` bytes of AES10(Δ ⊕ counter) under i = 3, for empty messages.
    func prf(delta: AEZBlock, byteCount: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(byteCount + AEZBlock.byteCount)
        var counter = AEZBlock.zero
        while out.count < byteCount {
            out += e(-1, 3, delta ^ counter).bytes
            counter = counter.incremented()
        }
        return Array(out[0..<byteCount])
    }
}
