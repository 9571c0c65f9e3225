public import Sodium

/// One direction of a BOLT 8 connection (or a handshake's temporary key): a ChaCha20-Poly1305
/// key, its nonce counter and the chaining key used to rotate it.
///
/// After any operation that brings the nonce to 1000, the key rotates:
/// `(ck', k') = HKDF(ck, k)`, `n = 0`. With two operations per message (length, body) that is
/// every 500 messages, always between messages.
public struct CipherState: Sendable {
    /// Nonce value at which the key rotates (lnd `keyRotationInterval`).
    public static let rotationInterval: UInt64 = 1000

    private var key: SecureBytes
    private var chainingKey: SecureBytes
    /// Number of operations done with the current key.
    public private(set) var nonce: UInt64

    public init(key: SecureBytes, chainingKey: SecureBytes, nonce: UInt64 = 0) {
        self.key = key
        self.chainingKey = chainingKey
        self.nonce = nonce
    }

    /// Encrypts with the current nonce, then advances (and maybe rotates).
    public mutating func encrypt(_ plaintext: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        let sealed = try ChaCha20Poly1305.seal(plaintext, associatedData: associatedData, nonce: Self.nonceBytes(nonce), key: key)
        try advance()
        return sealed
    }

    /// Decrypts and authenticates with the current nonce, then advances (and maybe rotates).
    /// On a bad tag the state is left unchanged and `SodiumError.authenticationFailed` is thrown.
    public mutating func decrypt(_ sealed: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        let plaintext = try ChaCha20Poly1305.open(sealed, associatedData: associatedData, nonce: Self.nonceBytes(nonce), key: key)
        try advance()
        return plaintext
    }

    /// The 96-bit IETF nonce: four zero bytes, then the counter as little-endian u64.
    public static func nonceBytes(_ counter: UInt64) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 12)
        for i in 0..<8 { out[4 + i] = UInt8(truncatingIfNeeded: counter >> (8 * UInt64(i))) }
        return out
    }

    private mutating func advance() throws {
        nonce += 1
        if nonce == Self.rotationInterval {
            let (newChainingKey, newKey) = try NoiseHKDF.derive(salt: chainingKey, inputKeyMaterial: key)
            chainingKey = newChainingKey
            key = newKey
            nonce = 0
        }
    }
}
