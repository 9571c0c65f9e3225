internal import CSodium

extension BLAKE2b {
    /// Keyed BLAKE2b whose output is itself a secret (a KDF step), for example the owner key's
    /// Ed25519 seed from the aezeed entropy (docs/design.md §4.6). The key may be 16 to 64 bytes.
    public static func keyedSecret(_ data: [UInt8], key: SecureBytes, outputByteCount: Int = 32) throws -> SecureBytes {
        SodiumRuntime.ensure()
        guard key.count >= 16 && key.count <= 64 else {
            throw SodiumError.invalidLength(what: "BLAKE2b key", expected: 32, got: key.count)
        }
        guard outputByteCount >= 16 && outputByteCount <= 64 else {
            throw SodiumError.invalidLength(what: "BLAKE2b output", expected: 32, got: outputByteCount)
        }
        return try SecureBytes(count: outputByteCount) { out in
            data.withNonNullPointer { d in
                key.withPointer { k in
                    _ = crypto_generichash(out.bytePointer, outputByteCount, d, UInt64(data.count), k, key.count)
                }
            }
        }
    }
}
