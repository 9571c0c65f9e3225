import Sodium

/// Bitcoin's Base58 alphabet and Base58Check (payload || first 4 bytes of SHA256(SHA256(payload))).
public enum Base58Check {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let values: [UInt8: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    public static func encode(_ payload: [UInt8]) -> String {
        encodePlain(payload + checksum(payload))
    }

    /// The payload, or nil if the text is not Base58 or the checksum does not match.
    public static func decode(_ text: String) -> [UInt8]? {
        guard let raw = decodePlain(text), raw.count >= 4 else { return nil }
        let payload = Array(raw[0..<(raw.count - 4)])
        guard Array(raw[(raw.count - 4)...]) == checksum(payload) else { return nil }
        return payload
    }

    static func checksum(_ payload: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(SHA256.hash(payload))[0..<4])
    }

    static func encodePlain(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix(while: { $0 == 0 }).count
        // Base-58 digits, least significant first, by repeated long division.
        var digits = [UInt8]()
        for byte in bytes[zeros...] {
            var carry = Int(byte)
            for k in 0..<digits.count {
                carry += Int(digits[k]) << 8
                digits[k] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    static func decodePlain(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        let zeros = chars.prefix(while: { $0 == alphabet[0] }).count
        var bytes = [UInt8]()  // least significant first
        for c in chars[zeros...] {
            guard let value = values[c] else { return nil }
            var carry = value
            for k in 0..<bytes.count {
                carry += Int(bytes[k]) * 58
                bytes[k] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}
