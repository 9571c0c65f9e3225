import Foundation
import Sodium

/// lnd's aezeed cipher seed (lnd `aezeed/cipherseed.go`, docs/seed.md).
///
/// Plaintext (19 bytes): internal version, birthday (u16 BE, days since the genesis block),
/// 16 bytes of entropy. Enciphered (33 bytes): external version 0, AEZ(plaintext) with τ = 4
/// (23 bytes), the 5-byte salt, and a big-endian CRC-32C of the first 29 bytes.
/// The AEZ key is scrypt(passphrase or "aezeed", salt, N = 32768, r = 8, p = 1, 32 bytes);
/// the associated data is the external version followed by the salt.
public struct CipherSeed: Sendable {
    public static let externalVersion: UInt8 = 0
    /// Key-derivation versions we understand: 0 (legacy) and 1 (taproot, lnd's current).
    public static let maximumInternalVersion: UInt8 = 1
    public static let currentInternalVersion: UInt8 = 1
    public static let productionScryptN: UInt64 = 32768
    public static let entropyCount = 16
    public static let saltCount = 5
    public static let encipheredCount = 33
    static let decipheredCount = 19
    static let tau = 4
    static let scryptR: UInt32 = 8
    static let scryptP: UInt32 = 1
    static let keyCount = 32
    static let saltOffset = 24
    static let checksumOffset = 29
    static let defaultPassphrase = Array("aezeed".utf8)

    public let internalVersion: UInt8
    /// Days since the bitcoin genesis block (unix 1231006505) when the seed was made.
    public let birthday: UInt16
    /// The 16 bytes lnd hands to BIP32 as the HD seed.
    public let entropy: SecureBytes
    public let salt: [UInt8]

    public init(internalVersion: UInt8, birthday: UInt16, entropy: SecureBytes, salt: [UInt8]) throws {
        guard entropy.count == CipherSeed.entropyCount else {
            throw AezeedError.invalidLength(field: "entropy", expected: CipherSeed.entropyCount, got: entropy.count)
        }
        guard salt.count == CipherSeed.saltCount else {
            throw AezeedError.invalidLength(field: "salt", expected: CipherSeed.saltCount, got: salt.count)
        }
        self.internalVersion = internalVersion
        self.birthday = birthday
        self.entropy = entropy
        self.salt = salt
    }

    /// A fresh seed: random entropy and salt (for tests and the simulator; lnd makes real ones).
    public static func generate(internalVersion: UInt8 = currentInternalVersion, birthday: UInt16) throws -> CipherSeed {
        try CipherSeed(internalVersion: internalVersion, birthday: birthday,
                       entropy: SecureBytes.random(count: entropyCount), salt: Random.bytes(saltCount))
    }

    // MARK: Deciphering

    /// Recovers the seed from its 24 words. `passphrase` nil or empty means lnd's default.
    /// Checks, in order: word count, each word, external version, checksum (before the slow
    /// scrypt), then the passphrase (AEZ authentication) and the internal version.
    public static func decipher(mnemonic: [String], passphrase: SecureBytes?, scryptN: UInt64 = productionScryptN) throws -> CipherSeed {
        try decipher(enciphered: Mnemonic.bytes(from: mnemonic), passphrase: passphrase, scryptN: scryptN)
    }

    /// Recovers the seed from its 33 enciphered bytes in secure memory (`Mnemonic.enciphered(fromText:)`).
    /// AEZ takes a plain array: the one copy lives only during the call and is zeroed after it.
    public static func decipher(enciphered secret: SecureBytes, passphrase: SecureBytes?, scryptN: UInt64 = productionScryptN) throws -> CipherSeed {
        var bytes = secret.unsafeCopy()
        defer { SecureBytes.zero(&bytes) }
        return try decipher(enciphered: bytes, passphrase: passphrase, scryptN: scryptN)
    }

    /// Recovers the seed from its 33 enciphered bytes.
    public static func decipher(enciphered bytes: [UInt8], passphrase: SecureBytes?, scryptN: UInt64 = productionScryptN) throws -> CipherSeed {
        guard bytes.count == encipheredCount else {
            throw AezeedError.invalidLength(field: "enciphered seed", expected: encipheredCount, got: bytes.count)
        }
        guard bytes[0] == externalVersion else { throw AezeedError.unsupportedExternalVersion(bytes[0]) }
        let stored = bytes[checksumOffset..<encipheredCount].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard CRC32C.checksum(bytes[0..<checksumOffset]) == stored else { throw AezeedError.badChecksum }

        let salt = Array(bytes[saltOffset..<checksumOffset])
        let key = try stretch(passphrase: passphrase, salt: salt, scryptN: scryptN)
        let plaintext: SecureBytes
        do {
            var ciphertext = Array(bytes[1..<saltOffset])
            defer { SecureBytes.zero(&ciphertext) }
            plaintext = try AEZ.decrypt(key: key, nonce: [], associatedData: [associatedData(salt: salt)],
                                        tau: tau, ciphertext: ciphertext)
        } catch AEZError.authenticationFailed {
            throw AezeedError.wrongPassphrase
        }
        return try plaintext.withUnsafeBytes { p in
            guard p[0] <= maximumInternalVersion else { throw AezeedError.unsupportedInternalVersion(p[0]) }
            return try CipherSeed(internalVersion: p[0], birthday: UInt16(p[1]) << 8 | UInt16(p[2]),
                                  entropy: plaintext.slice(3..<decipheredCount), salt: salt)
        }
    }

    // MARK: Enciphering

    /// The 24 words for this seed under `passphrase` (nil or empty: lnd's default).
    public func encipher(passphrase: SecureBytes?, scryptN: UInt64 = CipherSeed.productionScryptN) throws -> [String] {
        try Mnemonic.words(from: enciphered(passphrase: passphrase, scryptN: scryptN))
    }

    /// The 33 enciphered bytes (what the 24 words encode).
    public func enciphered(passphrase: SecureBytes?, scryptN: UInt64 = CipherSeed.productionScryptN) throws -> [UInt8] {
        let key = try CipherSeed.stretch(passphrase: passphrase, salt: salt, scryptN: scryptN)
        let plaintext = try SecureBytes(count: CipherSeed.decipheredCount) { p in
            p[0] = internalVersion
            p[1] = UInt8(birthday >> 8)
            p[2] = UInt8(truncatingIfNeeded: birthday)
            entropy.withUnsafeBytes { e in
                for k in 0..<CipherSeed.entropyCount { p[3 + k] = e[k] }
            }
        }
        let ciphertext = try AEZ.encrypt(key: key, nonce: [], associatedData: [CipherSeed.associatedData(salt: salt)],
                                         tau: CipherSeed.tau, plaintext: plaintext)
        var out = [CipherSeed.externalVersion] + ciphertext + salt
        let crc = CRC32C.checksum(out)
        out += [UInt8(crc >> 24), UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 8), UInt8(truncatingIfNeeded: crc)]
        return out
    }

    // MARK: Birthday

    /// Unix time of the bitcoin genesis block, day 0 of the birthday.
    public static let genesisUnixTime: Int64 = 1_231_006_505

    /// Whole days from the genesis block to `unixTime`, as lnd stores it (clamped to 0...65535).
    public static func birthday(unixTime: Int64) -> UInt16 {
        let days = (unixTime - genesisUnixTime) / 86_400
        return UInt16(clamping: max(0, days))
    }

    public static func birthday(date: Date) -> UInt16 {
        birthday(unixTime: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The start of the birthday, in unix time (a lower bound for a wallet rescan).
    public var birthdayUnixTime: Int64 { CipherSeed.genesisUnixTime + Int64(birthday) * 86_400 }

    // MARK: Pieces

    static func associatedData(salt: [UInt8]) -> [UInt8] {
        [externalVersion] + salt
    }

    static func stretch(passphrase: SecureBytes?, salt: [UInt8], scryptN: UInt64) throws -> SecureBytes {
        let password: SecureBytes
        if let passphrase, passphrase.count > 0 {
            password = passphrase
        } else {
            password = try SecureBytes(copying: defaultPassphrase)
        }
        return try Scrypt.derive(password: password, salt: salt, n: scryptN, r: scryptR, p: scryptP, byteCount: keyCount)
    }
}
