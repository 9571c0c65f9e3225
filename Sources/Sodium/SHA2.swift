internal import CCrypto
internal import CSodium

/// SHA-256 (public data: hashes of pubkeys, transcripts, checksums, snapshot contents).
public enum SHA256 {
    public static let byteCount = 32

    /// Public data goes through OpenSSL's libcrypto (already loaded by libcurl), which uses the
    /// CPU's SHA instructions (x86 SHA-NI, ARMv8 crypto extensions): several times faster than
    /// libsodium's portable C on a 300 KB snapshot, whose hash is on the agent's critical path.
    /// Both give the same digest (tested against each other and against known answers).
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        hash(data[...])
    }

    /// The hash of part of a buffer, without copying it out first.
    public static func hash(_ data: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: byteCount)
        out.withNonNullMutablePointer { o in data.withNonNullPointer { d in _ = CCrypto.SHA256(d, data.count, o) } }
        return out
    }

    /// libsodium's SHA-256: the reference the fast path is tested against.
    static func portableHash(_ data: [UInt8]) -> [UInt8] {
        SodiumRuntime.ensure()
        var out = [UInt8](repeating: 0, count: byteCount)
        out.withNonNullMutablePointer { o in data.withNonNullPointer { d in _ = crypto_hash_sha256(o, d, UInt64(data.count)) } }
        return out
    }

    /// Hashes secret input into a secret output (libsodium: secrets stay in one library).
    public static func hash(_ secret: SecureBytes) throws -> SecureBytes {
        SodiumRuntime.ensure()
        return try SecureBytes(count: byteCount) { o in
            secret.withPointer { d in _ = crypto_hash_sha256(o.bytePointer, d, UInt64(secret.count)) }
        }
    }
}
