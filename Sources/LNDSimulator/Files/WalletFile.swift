import Foundation
import Sodium

/// The simulator's `wallet.db`: the seed entropy sealed under a key stretched from the wallet
/// password (scrypt), plus a check value so a wrong password is told apart from a damaged file.
/// The password itself is never stored. The macaroon root keys live in `macaroons.db`, sealed
/// under the same key, as lnd encrypts its macaroon database with the wallet password.
struct WalletFile: Codable {
    var version = 1
    var salt: Data
    var scryptN: UInt64
    var passwordCheck: Data
    var sealedEntropy: Data
    /// aezeed birthday (days since the bitcoin genesis block), kept for GetInfo/GenSeed realism.
    var birthday: UInt16
    var createdAt: Date

    static let scryptN: UInt64 = 1 << 14
    private static let associatedData = Array("lnd-sim wallet seed v1".utf8)

    enum Failure: Error, CustomStringConvertible {
        case wrongPassword
        case damaged(String)
        var description: String {
            switch self {
            case .wrongPassword: return "invalid passphrase for master public key"
            case .damaged(let reason): return "wallet.db is damaged: \(reason)"
            }
        }
    }

    /// Derives (encryption key, check value) from the password.
    static func stretch(password: SecureBytes, salt: [UInt8], n: UInt64) throws -> (key: SecureBytes, check: [UInt8]) {
        let derived = try Scrypt.derive(password: password, salt: salt, n: n, r: 8, p: 1, byteCount: 64)
        return (try derived.slice(0..<32), try derived.slice(32..<64).unsafeCopy())
    }

    static func create(entropy: SecureBytes, password: SecureBytes, birthday: UInt16) throws -> (WalletFile, SecureBytes) {
        let salt = Random.bytes(32)
        let (key, check) = try stretch(password: password, salt: salt, n: scryptN)
        let nonce = Random.bytes(XChaCha20Poly1305.nonceByteCount)
        let sealed = try XChaCha20Poly1305.seal(entropy.unsafeCopy(), associatedData: associatedData, nonce: nonce, key: key)
        let file = WalletFile(
            salt: Data(salt), scryptN: scryptN, passwordCheck: Data(check), sealedEntropy: Data(nonce + sealed),
            birthday: birthday, createdAt: Date())
        return (file, key)
    }

    /// Opens the wallet: returns the seed entropy and the wallet key, or `.wrongPassword`.
    func open(password: SecureBytes) throws -> (entropy: SecureBytes, key: SecureBytes) {
        let (key, check) = try WalletFile.stretch(password: password, salt: Array(salt), n: scryptN)
        guard try SecureBytes(copying: check).constantTimeEquals(SecureBytes(copying: Array(passwordCheck))) else {
            throw Failure.wrongPassword
        }
        let blob = Array(sealedEntropy)
        guard blob.count > XChaCha20Poly1305.nonceByteCount else { throw Failure.damaged("sealed seed too short") }
        let nonce = Array(blob[0..<XChaCha20Poly1305.nonceByteCount])
        do {
            var plain = try XChaCha20Poly1305.open(
                Array(blob[XChaCha20Poly1305.nonceByteCount...]), associatedData: WalletFile.associatedData, nonce: nonce, key: key)
            defer { SecureBytes.zero(&plain) }
            return (try SecureBytes(copying: plain), key)
        } catch {
            throw Failure.damaged("the sealed seed does not authenticate")
        }
    }

    static func load(_ url: URL) throws -> WalletFile? {
        guard let bytes = PosixFile.read(url) else { return nil }
        do {
            return try JSONDecoder().decode(WalletFile.self, from: Data(bytes))
        } catch {
            throw Failure.damaged("\(error)")
        }
    }

    func save(_ url: URL) throws {
        try PosixFile.writeAtomically(Array(try JSONEncoder().encode(self)), to: url)
    }
}
