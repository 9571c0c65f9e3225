/// XChaCha20-Poly1305 (IETF variant, 24-byte nonce), as used by lnd's SCB encryption and by our envelope.
/// Output layout of `seal`: ciphertext followed by the 16-byte tag.
public enum XChaCha20Poly1305 {
    public static let keyByteCount = AEADConstruction.keyByteCount
    public static let nonceByteCount = 24
    public static let tagByteCount = AEADConstruction.tagByteCount

    public static func seal(_ plaintext: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try AEADConstruction.xchacha20.seal(plaintext, associatedData: associatedData, nonce: nonce, key: key)
    }

    /// Seals `buffer[message]` in place; the tag goes into the 16 bytes right after it, which
    /// the buffer must have. The result equals `seal` of the same plaintext.
    public static func sealInPlace(_ buffer: inout [UInt8], message: Range<Int>, associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws {
        try AEADConstruction.xchacha20.sealInPlace(&buffer, message: message, associatedData: associatedData, nonce: nonce, key: key)
    }

    /// Opens `ciphertext || tag`. Throws `SodiumError.authenticationFailed` on any mismatch.
    public static func open(_ sealed: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try AEADConstruction.xchacha20.open(sealed, associatedData: associatedData, nonce: nonce, key: key)
    }

    /// Opens `ciphertext || tag` that is part of a larger buffer, without copying it out.
    public static func open(_ sealed: ArraySlice<UInt8>, associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try AEADConstruction.xchacha20.open(sealed, associatedData: associatedData, nonce: nonce, key: key)
    }
}
