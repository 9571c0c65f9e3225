internal import CSodium

/// ChaCha20-Poly1305 IETF (RFC 8439: 12-byte nonce), as BOLT 8 uses it.
/// Output layout of `seal`: ciphertext followed by the 16-byte tag.
public enum ChaCha20Poly1305 {
    public static let keyByteCount = 32
    public static let nonceByteCount = 12
    public static let tagByteCount = 16

    public static func seal(_ plaintext: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        SodiumRuntime.ensure()
        try check(nonce: nonce, key: key)
        var out = [UInt8](repeating: 0, count: plaintext.count + tagByteCount)
        var outLen: UInt64 = 0
        let rc = out.withNonNullMutablePointer { o in
            plaintext.withNonNullPointer { m in
                associatedData.withNonNullPointer { ad in
                    nonce.withNonNullPointer { n in
                        key.withPointer { k in
                            crypto_aead_chacha20poly1305_ietf_encrypt(o, &outLen, m, UInt64(plaintext.count), ad, UInt64(associatedData.count), nil, n, k)
                        }
                    }
                }
            }
        }
        guard rc == 0 else { throw SodiumError.operationFailed("ChaCha20-Poly1305 encryption") }
        return out
    }

    /// Opens `ciphertext || tag`. Throws `SodiumError.authenticationFailed` on any mismatch.
    public static func open(_ sealed: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        SodiumRuntime.ensure()
        try check(nonce: nonce, key: key)
        guard sealed.count >= tagByteCount else { throw SodiumError.authenticationFailed }
        var out = [UInt8](repeating: 0, count: sealed.count - tagByteCount)
        var outLen: UInt64 = 0
        let rc = out.withNonNullMutablePointer { o in
            sealed.withNonNullPointer { c in
                associatedData.withNonNullPointer { ad in
                    nonce.withNonNullPointer { n in
                        key.withPointer { k in
                            crypto_aead_chacha20poly1305_ietf_decrypt(o, &outLen, nil, c, UInt64(sealed.count), ad, UInt64(associatedData.count), n, k)
                        }
                    }
                }
            }
        }
        guard rc == 0 else { throw SodiumError.authenticationFailed }
        return out
    }

    private static func check(nonce: [UInt8], key: SecureBytes) throws {
        guard nonce.count == nonceByteCount else {
            throw SodiumError.invalidLength(what: "ChaCha20-Poly1305 nonce", expected: nonceByteCount, got: nonce.count)
        }
        guard key.count == keyByteCount else {
            throw SodiumError.invalidLength(what: "ChaCha20-Poly1305 key", expected: keyByteCount, got: key.count)
        }
    }
}
