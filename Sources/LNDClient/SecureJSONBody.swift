import Sodium

/// Builds a JSON request body whose secret parts (a wallet password, seed words) go from
/// secure memory into secure memory, never through a Swift String.
struct SecureJSONBody {
    private enum Piece {
        case text([UInt8])
        case secret(SecureBytes)
    }

    private var pieces: [Piece] = []

    mutating func text(_ json: String) {
        pieces.append(.text(Array(json.utf8)))
    }

    /// `"<base64 of secret>"`: how lnd's REST gateway takes `bytes` fields.
    mutating func base64String(_ secret: SecureBytes) throws {
        text("\"")
        pieces.append(.secret(try Base64.encode(secret)))
        text("\"")
    }

    /// `"w1","w2",...` from space-separated words; only a-z is allowed (aezeed uses the BIP39
    /// English list), which also rules out JSON injection.
    mutating func quotedWords(_ words: SecureBytes) throws(LNDError) {
        var valid = true
        var wordCount = 0
        let bodyLength: Int = words.withUnsafeBytes { bytes in
            var length = 0
            var inWord = false
            for byte in bytes {
                if byte == 0x20 {
                    inWord = false
                } else if (0x61...0x7a).contains(byte) {
                    if !inWord { wordCount += 1; length += 3 }  // two quotes and a comma
                    inWord = true
                    length += 1
                } else {
                    valid = false
                }
            }
            return Swift.max(0, length - 1)
        }
        guard valid, wordCount > 0 else { throw .invalidArgument("seed words must be lowercase a-z separated by spaces") }
        let quoted: SecureBytes
        do {
            quoted = try SecureBytes(count: bodyLength) { output in
                words.withUnsafeBytes { bytes in
                    var i = 0
                    var inWord = false
                    func put(_ b: UInt8) {
                        if i < output.count { output[i] = b }
                        i += 1
                    }
                    for byte in bytes {
                        if byte == 0x20 {
                            if inWord { put(0x22) }
                            inWord = false
                        } else {
                            if !inWord { if i > 0 { put(0x2c) }; put(0x22) }
                            inWord = true
                            put(byte)
                        }
                    }
                    if inWord { put(0x22) }
                }
            }
        } catch {
            throw .invalidArgument("cannot allocate secure memory for the seed words")
        }
        pieces.append(.secret(quoted))
    }

    func build() throws -> SecureBytes {
        let total = pieces.reduce(0) { sum, piece in
            switch piece {
            case .text(let bytes): return sum + bytes.count
            case .secret(let secret): return sum + secret.count
            }
        }
        return try SecureBytes(count: total) { output in
            var offset = 0
            for piece in pieces {
                switch piece {
                case .text(let bytes):
                    for b in bytes { output[offset] = b; offset += 1 }
                case .secret(let secret):
                    secret.withUnsafeBytes { s in for b in s { output[offset] = b; offset += 1 } }
                }
            }
        }
    }
}
