internal import CSodium

/// SHA-512 of public data.
public enum SHA512 {
    public static let byteCount = 64

    public static func hash(_ data: [UInt8]) -> [UInt8] {
        SodiumRuntime.ensure()
        var out = [UInt8](repeating: 0, count: byteCount)
        out.withNonNullMutablePointer { o in data.withNonNullPointer { d in _ = crypto_hash_sha512(o, d, UInt64(data.count)) } }
        return out
    }
}
