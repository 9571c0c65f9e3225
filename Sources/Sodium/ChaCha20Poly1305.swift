/// ChaCha20-Poly1305 IETF (RFC 8439: 12-byte nonce), as BOLT 8 uses it.
/// Output layout of `seal`: ciphertext followed by the 16-byte tag.
public enum ChaCha20Poly1305 {
    public static let keyByteCount = AEADConstruction.keyByteCount
    public static let nonceByteCount = 12
    public static let tagByteCount = AEADConstruction.tagByteCount

    public static func seal(_ plaintext: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try AEADConstruction.chacha20.seal(plaintext, associatedData: associatedData, nonce: nonce, key: key)
    }

    /// Opens `ciphertext || tag`. Throws `SodiumError.authenticationFailed` on any mismatch.
    public static func open(_ sealed: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try AEADConstruction.chacha20.open(sealed, associatedData: associatedData, nonce: nonce, key: key)
    }
}
