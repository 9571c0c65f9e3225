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

    /// Encrypts `buffer[message]` where it lies and writes the tag into the 16 bytes after it
    /// (libsodium's AEADs work in place: the stream cipher XORs byte for byte, the MAC reads the
    /// ciphertext). Saves the copies of a separate plaintext and output for large messages.
    func sealInPlace(_ buffer: inout [UInt8], message: Range<Int>, associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws {
        SodiumRuntime.ensure()
        try check(nonce: nonce, key: key)
        guard message.lowerBound >= 0, message.upperBound + Self.tagByteCount <= buffer.count else {
            throw SodiumError.invalidLength(what: "\(name) buffer", expected: message.upperBound + Self.tagByteCount, got: buffer.count)
        }
        var outLen: UInt64 = 0
        let rc = buffer.withUnsafeMutableBufferPointer { all in
            // Non-null: the buffer holds at least the 16-byte tag.
            let m = all.baseAddress! + message.lowerBound
            return associatedData.withNonNullPointer { ad in
                nonce.withNonNullPointer { n in
                    key.withPointer { k in encrypt(m, &outLen, m, UInt64(message.count), ad, UInt64(associatedData.count), nil, n, k) }
                }
            }
        }
        guard rc == 0 else { throw SodiumError.operationFailed("\(name) encryption") }
    }

    func open(_ sealed: [UInt8], associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        try open(sealed[...], associatedData: associatedData, nonce: nonce, key: key)
    }

    func open(_ sealed: ArraySlice<UInt8>, associatedData: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
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
