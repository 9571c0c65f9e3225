import Foundation
import Sodium
import Testing
@testable import SeedKit
import Codecs
import TestSupport

/// AEZ v5 known answers from the reference implementation's vectors (Tests/Vectors/seedkit/aez).
@Suite struct AEZTests {
    struct EncryptCase: CustomStringConvertible {
        let key: [UInt8]
        let nonce: [UInt8]
        let associatedData: [[UInt8]]
        let tau: Int
        let message: [UInt8]
        let ciphertext: [UInt8]
        var description: String { "m=\(message.count)B tau=\(tau)" }
    }

    static let encryptFiles = ["aez/encrypt.json", "aez/encrypt-core.json"]

    static func encryptCases() throws -> [EncryptCase] {
        try encryptFiles.flatMap { try encryptCases(file: $0) }
    }

    static func encryptCases(file: String) throws -> [EncryptCase] {
        guard let rows = try JSONSerialization.jsonObject(with: VectorFile.data("seedkit", file)) as? [[Any]] else { return [] }
        return rows.compactMap { row in
            guard row.count == 6, let k = row[0] as? String, let n = row[1] as? String,
                  let ad = row[2] as? [String], let tau = row[3] as? Int,
                  let m = row[4] as? String, let c = row[5] as? String else { return nil }
            return EncryptCase(key: TestHex.bytes(k), nonce: TestHex.bytes(n), associatedData: ad.map(TestHex.bytes),
                               tau: tau, message: TestHex.bytes(m), ciphertext: TestHex.bytes(c))
        }
    }

    @Test func vectorFilesLoad() throws {
        #expect(try Self.encryptCases(file: "aez/encrypt.json").count == 56)
        #expect(try Self.encryptCases(file: "aez/encrypt-core.json").count == 7)
    }

    @Test func encryptVectors() throws {
        for v in try Self.encryptCases() {
            let c = try AEZ.encrypt(key: SecureBytes(copying: v.key), nonce: v.nonce, associatedData: v.associatedData,
                                    tau: v.tau, plaintext: SecureBytes(copying: v.message))
            #expect(Hex.encode(c) == Hex.encode(v.ciphertext), "\(v)")
        }
    }

    @Test func decryptVectors() throws {
        for v in try Self.encryptCases() {
            let m = try AEZ.decrypt(key: SecureBytes(copying: v.key), nonce: v.nonce, associatedData: v.associatedData,
                                    tau: v.tau, ciphertext: v.ciphertext)
            #expect(Hex.encode(m.unsafeCopy()) == Hex.encode(v.message), "\(v)")
        }
    }

    @Test func tamperedCiphertextFailsAuthentication() throws {
        for v in try Self.encryptCases() where v.tau > 0 {
            var bad = v.ciphertext
            bad[bad.count / 2] ^= 0x01
            #expect(throws: AEZError.authenticationFailed, "\(v)") {
                try AEZ.decrypt(key: SecureBytes(copying: v.key), nonce: v.nonce, associatedData: v.associatedData,
                                tau: v.tau, ciphertext: bad)
            }
        }
    }

    @Test func hashVectors() throws {
        let rows = try #require(try JSONSerialization.jsonObject(with: VectorFile.data("seedkit", "aez/hash.json")) as? [[String: Any]])
        #expect(rows.count == 5)
        for row in rows {
            let key = try TestHex.secret(try #require(row["key"] as? String))
            let tweaks = try #require(row["ad"] as? [String]).map(TestHex.bytes)
            let tau = try #require(row["tau"] as? Int)
            let result = try AEZ.hash(key: key, tweaks: tweaks, tauBits: tau)
            #expect(Hex.encode(result) == (row["result"] as? String))
        }
    }

    @Test func extractVectors() throws {
        let rows = try #require(try JSONSerialization.jsonObject(with: VectorFile.data("seedkit", "aez/extract.json")) as? [[String]])
        #expect(rows.count == 9)
        for row in rows {
            let out = try AEZ.extract(key: TestHex.secret(row[0]))
            #expect(Hex.encode(out.unsafeCopy()) == row[1], "key of \(row[0].count / 2) bytes")
        }
    }

    @Test func shortCiphertextAndBadTauAreErrors() throws {
        let key = try SecureBytes(copying: [UInt8](repeating: 7, count: 32))
        #expect(throws: AEZError.ciphertextTooShort(count: 3, tau: 4)) {
            try AEZ.decrypt(key: key, nonce: [], associatedData: [], tau: 4, ciphertext: [1, 2, 3])
        }
        #expect(throws: AEZError.invalidTau(-1)) {
            try AEZ.encrypt(key: key, nonce: [], associatedData: [], tau: -1, plaintext: SecureBytes(copying: [1]))
        }
    }

    /// Every message length through the tiny/core boundary and several core pair counts round-trips.
    @Test func roundTripAllLengths() throws {
        let key = try SecureBytes(copying: Array(0..<32).map { UInt8($0) })
        for length in 1...140 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let c = try AEZ.encrypt(key: key, nonce: [1, 2, 3], associatedData: [[4, 5]], tau: 4, plaintext: SecureBytes(copying: message))
            #expect(c.count == length + 4)
            let m = try AEZ.decrypt(key: key, nonce: [1, 2, 3], associatedData: [[4, 5]], tau: 4, ciphertext: c)
            #expect(m.unsafeCopy() == message, "length \(length)")
            #expect(throws: AEZError.authenticationFailed) {
                try AEZ.decrypt(key: key, nonce: [1, 2, 3], associatedData: [[4, 6]], tau: 4, ciphertext: c)
            }
        }
    }

    /// FIPS-197 S-box spot checks: S(0x00)=0x63, S(0x01)=0x7c, S(0x53)=0xed, S(0xff)=0x16.
    @Test func sboxMatchesFIPS197() {
        #expect(AESRound.sbox[0x00] == 0x63)
        #expect(AESRound.sbox[0x01] == 0x7c)
        #expect(AESRound.sbox[0x53] == 0xed)
        #expect(AESRound.sbox[0xff] == 0x16)
        #expect(Set(AESRound.sbox).count == 256)
    }
}
