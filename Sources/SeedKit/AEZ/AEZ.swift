import Sodium

/// AEZ v5 (Hoang, Krovetz, Rogaway), byte-compatible with Yawning/aez, which lnd's aezeed uses.
///
/// Encryption enciphers `plaintext || 0^τ` with a tweakable wide-block cipher keyed by the
/// key and tweaked by Δ = AEZ-hash(τ, nonce, associated data); decryption deciphers and
/// checks that the last τ bytes are zero. τ is given in bytes (aezeed uses 4).
/// An empty plaintext gives τ bytes of AEZ-PRF output instead.
public enum AEZ {
    /// Largest τ accepted (bytes). AEZ allows more; nothing we do needs it.
    public static let maximumTau = 1 << 16
    /// Byte count of Extract's output (I || J || L).
    public static let extractedKeyCount = AEZKeyState.extractedKeyCount

    public static func encrypt(
        key: SecureBytes, nonce: [UInt8], associatedData: [[UInt8]], tau: Int, plaintext: SecureBytes
    ) throws -> [UInt8] {
        guard tau >= 0 && tau <= maximumTau else { throw AEZError.invalidTau(tau) }
        let state = try AEZKeyState(key: key)
        let delta = state.hash(tweaks: [nonce] + associatedData, tauBits: 8 * tau)
        if plaintext.count == 0 { return state.prf(delta: delta, byteCount: tau) }
        var input = plaintext.unsafeCopy() + [UInt8](repeating: 0, count: tau)
        defer { SecureBytes.zero(&input) }
        return state.encipher(delta: delta, input: input)
    }

    public static func decrypt(
        key: SecureBytes, nonce: [UInt8], associatedData: [[UInt8]], tau: Int, ciphertext: [UInt8]
    ) throws -> SecureBytes {
        guard tau >= 0 && tau <= maximumTau else { throw AEZError.invalidTau(tau) }
        guard ciphertext.count >= tau else { throw AEZError.ciphertextTooShort(count: ciphertext.count, tau: tau) }
        let state = try AEZKeyState(key: key)
        let delta = state.hash(tweaks: [nonce] + associatedData, tauBits: 8 * tau)
        if ciphertext.count == tau {
            guard ConstantTime.equals(state.prf(delta: delta, byteCount: tau), ciphertext) else {
                throw AEZError.authenticationFailed
            }
            return try SecureBytes(copying: [UInt8]())
        }
        var output = state.decipher(delta: delta, input: ciphertext)
        defer { SecureBytes.zero(&output) }
        let messageCount = ciphertext.count - tau
        // Accumulate over every authenticator byte so the check does not stop early.
        var nonZero: UInt8 = 0
        for b in output[messageCount...] { nonZero |= b }
        guard nonZero == 0 else { throw AEZError.authenticationFailed }
        return try SecureBytes(copying: output[0..<messageCount])
    }

    /// AEZ's Extract: the 48-byte expanded key (a 48-byte key is used unchanged,
    /// any other length is hashed with BLAKE2b-384).
    public static func extract(key: SecureBytes) throws -> SecureBytes {
        try AEZKeyState.extract(key)
    }

    /// AEZ-hash of a tweak vector (the nonce is simply its first element) for τ given in
    /// bits. Exposed for known-answer tests.
    public static func hash(key: SecureBytes, tweaks: [[UInt8]], tauBits: Int) throws -> [UInt8] {
        try AEZKeyState(key: key).hash(tweaks: tweaks, tauBits: tauBits).bytes
    }
}

extension AEZKeyState {
    func encipher(delta: AEZBlock, input: [UInt8]) -> [UInt8] {
        if input.isEmpty { return [] }
        return input.count < 32 ? tiny(delta: delta, input: input, decipher: false) : core(delta: delta, input: input, decipher: false)
    }

    func decipher(delta: AEZBlock, input: [UInt8]) -> [UInt8] {
        if input.isEmpty { return [] }
        return input.count < 32 ? tiny(delta: delta, input: input, decipher: true) : core(delta: delta, input: input, decipher: true)
    }
}
