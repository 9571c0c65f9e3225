internal import CSodium

/// Low-level scrypt (`crypto_pwhash_scryptsalsa208sha256_ll`), for aezeed:
/// N=32768, r=8, p=1 in production (docs/lnd.md §2.1).
public enum Scrypt {
    public static func derive(password: SecureBytes, salt: [UInt8], n: UInt64, r: UInt32, p: UInt32, byteCount: Int) throws -> SecureBytes {
        SodiumRuntime.ensure()
        return try SecureBytes(count: byteCount) { out in
            let rc = password.withPointer { pw in
                salt.withNonNullPointer { s in
                    crypto_pwhash_scryptsalsa208sha256_ll(pw, password.count, s, salt.count, n, r, p, out.bytePointer, byteCount)
                }
            }
            guard rc == 0 else { throw SodiumError.operationFailed("scrypt") }
        }
    }
}
