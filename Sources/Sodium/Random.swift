internal import CSodium

/// Public randomness (nonces, salts, jitter) from libsodium's CSPRNG.
/// For secrets use `SecureBytes.random(count:)`.
public enum Random {
    public static func bytes(_ count: Int) -> [UInt8] {
        SodiumRuntime.ensure()
        var out = [UInt8](repeating: 0, count: count)
        if count > 0 { out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) } }
        return out
    }

    /// A uniform integer in `0..<upperBound`.
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        SodiumRuntime.ensure()
        return randombytes_uniform(upperBound)
    }
}
