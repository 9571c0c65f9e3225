import Sodium

extension AEZKeyState {
    /// AEZ-core: the enciphering scheme for inputs of 32 bytes or more. The input is
    /// M1 M1' … Mm Mm' Muv Mx My (16-byte blocks in pairs, a fragment of 0–31 bytes,
    /// and two final blocks). Pass 1 whitens the pairs and sums them into X; Mx, My and
    /// Δ give S; pass 2 re-encrypts every pair under S and sums them into Y. The same
    /// code deciphers with d = 1.
    func core(delta: AEZBlock, input: [UInt8], decipher: Bool) -> [UInt8] {
        let d = decipher ? 1 : 0
        let n = input.count
        let pairs = (n - 32) / 32
        let fragmentStart = 32 * pairs
        let fragmentCount = n - 32 * pairs - 32
        let tailStart = n - 32
        var out = input

        // Pass 1: W_i = M_i ⊕ E(1,i,M_i'), X_i = M_i' ⊕ E(0,0,W_i); X = ⊕ X_i ⊕ fragment.
        var x = AEZBlock.zero
        for p in 0..<pairs {
            let offset = 32 * p
            let m = AEZBlock(input, at: offset)
            let mPrime = AEZBlock(input, at: offset + 16)
            let w = m ^ e(1, p + 1, mPrime)
            let xi = mPrime ^ e(0, 0, w)
            w.store(into: &out, at: offset)
            xi.store(into: &out, at: offset + 16)
            x ^= xi
        }
        if fragmentCount >= 16 {
            x ^= e(0, 4, AEZBlock(input, at: fragmentStart))
            x ^= e(0, 5, AEZBlock.padded(input[(fragmentStart + 16)..<(fragmentStart + fragmentCount)]))
        } else if fragmentCount > 0 {
            x ^= e(0, 4, AEZBlock.padded(input[fragmentStart..<(fragmentStart + fragmentCount)]))
        }

        let mx = AEZBlock(input, at: tailStart)
        let my = AEZBlock(input, at: tailStart + 16)
        let sx = mx ^ x ^ delta ^ e(0, 1 + d, my)
        let sy = my ^ e(-1, 1 + d, sx)
        let s = sx ^ sy

        // Pass 2: C_i' = Y_i ⊕ E(0,0,Z_i), C_i = Z_i ⊕ E(1,i,C_i') with Y_i, Z_i = W_i, X_i ⊕ E(2,i,S).
        var y = AEZBlock.zero
        for p in 0..<pairs {
            let offset = 32 * p
            let sPrime = e(2, p + 1, s)
            let yi = AEZBlock(out, at: offset) ^ sPrime
            let zi = AEZBlock(out, at: offset + 16) ^ sPrime
            y ^= yi
            let cPrime = yi ^ e(0, 0, zi)
            let c = zi ^ e(1, p + 1, cPrime)
            c.store(into: &out, at: offset)
            cPrime.store(into: &out, at: offset + 16)
        }
        if fragmentCount >= 16 {
            let cu = AEZBlock(input, at: fragmentStart) ^ e(-1, 4, s)
            cu.store(into: &out, at: fragmentStart)
            y ^= e(0, 4, cu)
            let vStart = fragmentStart + 16
            let cv = xorPrefix(input[vStart..<(fragmentStart + fragmentCount)], e(-1, 5, s))
            out.replaceSubrange(vStart..<(fragmentStart + fragmentCount), with: cv)
            y ^= e(0, 5, AEZBlock.padded(cv[...]))
        } else if fragmentCount > 0 {
            let cuv = xorPrefix(input[fragmentStart..<(fragmentStart + fragmentCount)], e(-1, 4, s))
            out.replaceSubrange(fragmentStart..<(fragmentStart + fragmentCount), with: cuv)
            y ^= e(0, 4, AEZBlock.padded(cuv[...]))
        }

        let cy = sx ^ e(-1, 2 - d, sy)
        let cx = sy ^ e(0, 2 - d, cy) ^ delta ^ y
        cx.store(into: &out, at: tailStart)
        cy.store(into: &out, at: tailStart + 16)
        return out
    }

    /// `bytes` XORed with the first `bytes.count` bytes of `block`.
    private func xorPrefix(_ bytes: ArraySlice<UInt8>, _ block: AEZBlock) -> [UInt8] {
        let key = block.bytes
        return bytes.enumerated().map { k, b in b ^ key[k] }
    }
}
