internal import CSodium

/// BLAKE2b (libsodium `crypto_generichash`), optionally keyed.
/// AEZ key extraction uses unkeyed BLAKE2b-384; blob names use keyed BLAKE2b.
public enum BLAKE2b {
    public static func hash(_ data: [UInt8], outputByteCount: Int = 32) -> [UInt8] {
        SodiumRuntime.ensure()
        precondition(outputByteCount >= 16 && outputByteCount <= 64)
        var out = [UInt8](repeating: 0, count: outputByteCount)
        out.withNonNullMutablePointer { o in
            data.withNonNullPointer { d in _ = crypto_generichash(o, outputByteCount, d, UInt64(data.count), nil, 0) }
        }
        return out
    }

    /// Hashes secret input (for example a passphrase) into a secret output.
    public static func hash(_ secret: SecureBytes, outputByteCount: Int) throws -> SecureBytes {
        SodiumRuntime.ensure()
        precondition(outputByteCount >= 16 && outputByteCount <= 64)
        return try SecureBytes(count: outputByteCount) { o in
            secret.withPointer { d in _ = crypto_generichash(o.bytePointer, outputByteCount, d, UInt64(secret.count), nil, 0) }
        }
    }

    /// Keyed BLAKE2b: a MAC / PRF whose output is public (for example an opaque blob name).
    public static func keyedHash(_ data: [UInt8], key: SecureBytes, outputByteCount: Int = 32) -> [UInt8] {
        SodiumRuntime.ensure()
        precondition(outputByteCount >= 16 && outputByteCount <= 64)
        precondition(key.count >= 16 && key.count <= 64)
        var out = [UInt8](repeating: 0, count: outputByteCount)
        out.withNonNullMutablePointer { o in
            data.withNonNullPointer { d in
                key.withPointer { k in _ = crypto_generichash(o, outputByteCount, d, UInt64(data.count), k, key.count) }
            }
        }
        return out
    }
}
