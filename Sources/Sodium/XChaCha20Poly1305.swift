/// XChaCha20-Poly1305 (IETF variant, 24-byte nonce), as used by lnd's SCB encryption and by our envelope.
/// Output layout of `seal`: ciphertext followed by the 16-byte tag.
public enum XChaCha20Poly1305 {
    public static let keyByteCount = AEADConstruction.keyByteCount
    public static let nonceByteCount = 24
    public static let tagByteCount = AEADConstruction.tagByteCount

    public static func seal(_ plaintext: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try AEADConstruction.xchacha20.seal(plaintext, associatedData: associatedData, nonce: nonce, key: key)
    }

    /// Opens `ciphertext || tag`. Throws `SodiumError.authenticationFailed` on any mismatch.
    public static func open(_ sealed: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try AEADConstruction.xchacha20.open(sealed, associatedData: associatedData, nonce: nonce, key: key)
    }
}
