internal import CSodium

/// Base64 (RFC 4648) through libsodium's constant-time codec, so secrets (a wallet password
/// inside an lnd request) can be encoded without leaking timing or leaving heap copies.
public enum Base64 {
    /// Standard alphabet with padding: what lnd's REST gateway emits for every `bytes` field.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        SodiumRuntime.ensure()
        let input = Array(bytes)
        let length = sodium_base64_encoded_len(input.count, sodium_base64_VARIANT_ORIGINAL)
        var output = [CChar](repeating: 0, count: length)
        input.withNonNullPointer { source in
            _ = sodium_bin2base64(&output, length, source, input.count, sodium_base64_VARIANT_ORIGINAL)
        }
        return String(decoding: output.prefix(length - 1).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Encodes a secret into secret memory (ASCII, no terminator).
    public static func encode(_ secret: SecureBytes) throws -> SecureBytes {
        SodiumRuntime.ensure()
        let length = sodium_base64_encoded_len(secret.count, sodium_base64_VARIANT_ORIGINAL)
        let withTerminator = try SecureBytes(count: length) { output in
            secret.withPointer { source in
                _ = sodium_bin2base64(
                    output.baseAddress!.assumingMemoryBound(to: CChar.self), length,
                    source, secret.count, sodium_base64_VARIANT_ORIGINAL
                )
            }
        }
        return try withTerminator.slice(0..<(length - 1))
    }

    /// Decodes the standard or URL-safe alphabet, padded or not, as lnd accepts on input.
    /// Characters in `ignoring` (e.g. PEM line breaks) are skipped. Returns nil on bad input.
    public static func decode(_ text: some StringProtocol, ignoring: String = "") -> [UInt8]? {
        SodiumRuntime.ensure()
        var utf8 = Array(text.utf8).filter { !ignoring.utf8.contains($0) }
        var padding = 0
        while utf8.last == UInt8(ascii: "=") {
            utf8.removeLast()
            padding += 1
        }
        guard padding <= 2, padding == 0 || (utf8.count + padding) % 4 == 0 else { return nil }
        let urlSafe = utf8.contains(UInt8(ascii: "-")) || utf8.contains(UInt8(ascii: "_"))
        let variant = urlSafe ? sodium_base64_VARIANT_URLSAFE_NO_PADDING : sodium_base64_VARIANT_ORIGINAL_NO_PADDING
        let capacity = utf8.count * 3 / 4 + 1
        var output = [UInt8](repeating: 0, count: capacity)
        var written = 0
        // With a nil end pointer, sodium fails on any character outside the alphabet
        // and on non-zero trailing bits, instead of stopping early.
        let status = utf8.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { source in
            output.withNonNullMutablePointer { out in
                sodium_base642bin(out, capacity, source.baseAddress, source.count, nil, &written, nil, variant)
            }
        }
        guard status == 0 else { return nil }
        return Array(output.prefix(written))
    }
}
