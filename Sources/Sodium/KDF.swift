internal import CSodium

/// libsodium `crypto_kdf` (BLAKE2b-based): derives independent subkeys from one master key,
/// each identified by an 8-character context and a 64-bit id. docs/design.md lists every use.
public enum KDF {
    public static let masterKeyByteCount = 32
    public static let contextByteCount = 8

    public static func deriveSubkey(from master: SecureBytes, context: String, id: UInt64, byteCount: Int = 32) throws -> SecureBytes {
        SodiumRuntime.ensure()
        let ctx = Array(context.utf8)
        guard ctx.count == contextByteCount else {
            throw SodiumError.invalidLength(what: "crypto_kdf context", expected: contextByteCount, got: ctx.count)
        }
        guard master.count == masterKeyByteCount else {
            throw SodiumError.invalidLength(what: "crypto_kdf master key", expected: masterKeyByteCount, got: master.count)
        }
        guard byteCount >= 16 && byteCount <= 64 else {
            throw SodiumError.invalidLength(what: "crypto_kdf subkey", expected: 32, got: byteCount)
        }
        return try SecureBytes(count: byteCount) { out in
            let rc = master.withPointer { m in
                ctx.withUnsafeBufferPointer { c in
                    c.withMemoryRebound(to: CChar.self) { cc in
                        crypto_kdf_derive_from_key(out.bytePointer, byteCount, id, cc.baseAddress!, m)
                    }
                }
            }
            guard rc == 0 else { throw SodiumError.operationFailed("crypto_kdf_derive_from_key") }
        }
    }
}
