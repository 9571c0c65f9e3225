internal import CSodium

/// SHA-256 (public data: hashes of pubkeys, transcripts, checksums).
public enum SHA256 {
    public static let byteCount = 32

    public static func hash(_ data: [UInt8]) -> [UInt8] {
        SodiumRuntime.ensure()
        var out = [UInt8](repeating: 0, count: byteCount)
        out.withNonNullMutablePointer { o in data.withNonNullPointer { d in _ = crypto_hash_sha256(o, d, UInt64(data.count)) } }
        return out
    }

    /// Hashes secret input into a secret output.
    public static func hash(_ secret: SecureBytes) throws -> SecureBytes {
        SodiumRuntime.ensure()
        return try SecureBytes(count: byteCount) { o in
            secret.withPointer { d in _ = crypto_hash_sha256(o.bytePointer, d, UInt64(secret.count)) }
        }
    }
}
