import Sodium
import Codecs

enum TestHex {
    /// Decodes hex from a vector file; a malformed vector is a test bug, reported as empty.
    static func bytes(_ text: String) -> [UInt8] {
        Hex.decode(text) ?? []
    }

    static func secret(_ text: String) throws -> SecureBytes {
        try SecureBytes(copying: bytes(text))
    }
}
