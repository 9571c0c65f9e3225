internal import CSodium

/// HMAC-SHA256 (BOLT 8's HKDF) and HMAC-SHA512 (BIP32) with keys of any length.
/// Keys and outputs are secrets here, so both live in secure memory.
public enum HMAC {
    public static func sha256(key: SecureBytes, message: SecureBytes) throws -> SecureBytes {
        SodiumRuntime.ensure()
        return try SecureBytes(count: 32) { out in
            key.withPointer { k in
                message.withPointer { m in
                    var state = crypto_auth_hmacsha256_state()
                    _ = crypto_auth_hmacsha256_init(&state, k, key.count)
                    _ = crypto_auth_hmacsha256_update(&state, m, UInt64(message.count))
                    _ = crypto_auth_hmacsha256_final(&state, out.bytePointer)
                    sodium_memzero(&state, MemoryLayout<crypto_auth_hmacsha256_state>.size)
                }
            }
        }
    }

    public static func sha512(key: SecureBytes, message: SecureBytes) throws -> SecureBytes {
        SodiumRuntime.ensure()
        return try SecureBytes(count: 64) { out in
            key.withPointer { k in
                message.withPointer { m in
                    var state = crypto_auth_hmacsha512_state()
                    _ = crypto_auth_hmacsha512_init(&state, k, key.count)
                    _ = crypto_auth_hmacsha512_update(&state, m, UInt64(message.count))
                    _ = crypto_auth_hmacsha512_final(&state, out.bytePointer)
                    sodium_memzero(&state, MemoryLayout<crypto_auth_hmacsha512_state>.size)
                }
            }
        }
    }
}
