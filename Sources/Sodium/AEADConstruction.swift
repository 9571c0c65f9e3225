internal import CSodium

/// The shared shape of libsodium's IETF AEADs (ChaCha20-Poly1305 and XChaCha20-Poly1305):
/// the same argument lists, different nonce sizes. Output of `seal`: ciphertext ‖ 16-byte tag.
struct AEADConstruction: Sendable {
    typealias Encrypt = @Sendable (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt64>, UnsafePointer<UInt8>, UInt64,
                                   UnsafePointer<UInt8>, UInt64, UnsafePointer<UInt8>?, UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> Int32
    typealias Decrypt = @Sendable (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt8>?, UnsafePointer<UInt8>, UInt64,
                                   UnsafePointer<UInt8>, UInt64, UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> Int32

    static let keyByteCount = 32
    static let tagByteCount = 16

    let name: String
    let nonceByteCount: Int
    let encrypt: Encrypt
    let decrypt: Decrypt

    static let chacha20 = AEADConstruction(
        name: "ChaCha20-Poly1305", nonceByteCount: 12,
        encrypt: { crypto_aead_chacha20poly1305_ietf_encrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) },
        decrypt: { crypto_aead_chacha20poly1305_ietf_decrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) })

    static let xchacha20 = AEADConstruction(
        name: "XChaCha20-Poly1305", nonceByteCount: 24,
        encrypt: { crypto_aead_xchacha20poly1305_ietf_encrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) },
        decrypt: { crypto_aead_xchacha20poly1305_ietf_decrypt($0, $1, $2, $3, $4, $5, $6, $7, $8) })

    func seal(_ plaintext: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        SodiumRuntime.ensure()
        try check(nonce: nonce, key: key)
        var out = [UInt8](repeating: 0, count: plaintext.count + Self.tagByteCount)
        var outLen: UInt64 = 0
        let rc = out.withNonNullMutablePointer { o in
            plaintext.withNonNullPointer { m in
                associatedData.withNonNullPointer { ad in
                    nonce.withNonNullPointer { n in
                        key.withPointer { k in encrypt(o, &outLen, m, UInt64(plaintext.count), ad, UInt64(associatedData.count), nil, n, k) }
                    }
                }
            }
        }
        guard rc == 0 else { throw SodiumError.operationFailed("\(name) encryption") }
        return out
    }

    func open(_ sealed: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        SodiumRuntime.ensure()
        try check(nonce: nonce, key: key)
        guard sealed.count >= Self.tagByteCount else { throw SodiumError.authenticationFailed }
        var out = [UInt8](repeating: 0, count: sealed.count - Self.tagByteCount)
        var outLen: UInt64 = 0
        let rc = out.withNonNullMutablePointer { o in
            sealed.withNonNullPointer { c in
                associatedData.withNonNullPointer { ad in
                    nonce.withNonNullPointer { n in
                        key.withPointer { k in decrypt(o, &outLen, nil, c, UInt64(sealed.count), ad, UInt64(associatedData.count), n, k) }
                    }
                }
            }
        }
        guard rc == 0 else { throw SodiumError.authenticationFailed }
        return out
    }

    private func check(nonce: [UInt8], key: SecureBytes) throws {
        guard nonce.count == nonceByteCount else {
            throw SodiumError.invalidLength(what: "\(name) nonce", expected: nonceByteCount, got: nonce.count)
        }
        guard key.count == Self.keyByteCount else {
            throw SodiumError.invalidLength(what: "\(name) key", expected: Self.keyByteCount, got: key.count)
        }
    }
}
