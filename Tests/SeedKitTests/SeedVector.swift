import Sodium
import TestSupport
@testable import SeedKit

/// One aezeed vector file (Tests/Vectors/seedkit/aezeed/*.txt).
struct SeedVector: CustomStringConvertible {
    let name: String
    let fields: [String: String]

    init(_ relativePath: String) throws {
        name = relativePath
        fields = try VectorFile.load("seedkit", relativePath).fields
    }

    static func all() throws -> [SeedVector] {
        try VectorFile.names(in: "seedkit/aezeed").map { try SeedVector("aezeed/" + $0) }
    }

    var description: String { name }

    subscript(_ key: String) -> String? { fields[key] }

    var scryptN: UInt64 { UInt64(fields["scrypt_n"] ?? "") ?? 0 }
    var mnemonic: [String] { (fields["mnemonic"] ?? "").split(separator: " ").map(String.init) }

    /// nil when the file gives an empty passphrase (lnd then uses "aezeed").
    func passphrase() throws -> SecureBytes? {
        guard let text = fields["passphrase"], !text.isEmpty else { return nil }
        return try SecureBytes(copying: Array(text.utf8))
    }

    func cipherSeed() throws -> CipherSeed {
        try CipherSeed(internalVersion: UInt8(fields["internal_version"] ?? "") ?? 255,
                       birthday: UInt16(fields["birthday"] ?? "") ?? 0,
                       entropy: TestHex.secret(fields["entropy"] ?? ""),
                       salt: TestHex.bytes(fields["salt"] ?? ""))
    }
}
