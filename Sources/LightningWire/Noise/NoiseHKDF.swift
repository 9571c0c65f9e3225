public import Sodium

/// BOLT 8's HKDF: RFC 5869 HKDF-SHA256 with empty info and a 64-byte output split in two.
/// The salt is always the chaining key; the input key material is an ECDH secret, the key
/// being rotated, or empty (final split).
public enum NoiseHKDF {
    /// Returns `(first 32 bytes, second 32 bytes)` of HKDF(salt, ikm).
    public static func derive(salt: SecureBytes, inputKeyMaterial ikm: SecureBytes) throws -> (SecureBytes, SecureBytes) {
        let prk = try HMAC.sha256(key: salt, message: ikm)
        let first = try HMAC.sha256(key: prk, message: SecureBytes(copying: [0x01]))
        let secondInput = try SecureBytes(count: 33) { buffer in
            first.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 32) }
            buffer[32] = 0x02
        }
        let second = try HMAC.sha256(key: prk, message: secondInput)
        return (first, second)
    }
}
