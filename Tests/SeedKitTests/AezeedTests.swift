import Foundation
import Sodium
import Testing
@testable import SeedKit
import Codecs

@Suite struct AezeedTests {
    @Test func wordlistIsBIP39English() {
        #expect(BIP39EnglishWordlist.words.count == 2048)
        #expect(BIP39EnglishWordlist.indices.count == 2048)
        let joined = BIP39EnglishWordlist.words.joined(separator: "\n") + "\n"
        #expect(Hex.encode(SHA256.hash(Array(joined.utf8))) == "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda")
    }

    /// The CRC-32C check value (RFC 3720 / the "123456789" catalogue entry).
    @Test func crc32cCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test func vectorFilesPresent() throws {
        #expect(try SeedVector.all().count == 7)
    }

    /// Every vector with cs33 and internal fields: encipher reproduces the exact bytes and words.
    @Test func encipherReproducesVectors() throws {
        for v in try SeedVector.all() where v["cs33"] != nil {
            let seed = try v.cipherSeed()
            let bytes = try seed.enciphered(passphrase: v.passphrase(), scryptN: v.scryptN)
            #expect(Hex.encode(bytes) == v["cs33"], "\(v)")
            #expect(try seed.encipher(passphrase: v.passphrase(), scryptN: v.scryptN) == v.mnemonic, "\(v)")
        }
    }

    /// Every vector's words decipher to its internal version, birthday, salt and entropy.
    @Test func decipherVectors() throws {
        for v in try SeedVector.all() {
            let seed = try CipherSeed.decipher(mnemonic: v.mnemonic, passphrase: v.passphrase(), scryptN: v.scryptN)
            #expect(seed.internalVersion == UInt8(v["internal_version"] ?? ""), "\(v)")
            #expect(seed.birthday == UInt16(v["birthday"] ?? ""), "\(v)")
            #expect(Hex.encode(seed.salt) == v["salt"], "\(v)")
            #expect(Hex.encode(seed.entropy.unsafeCopy()) == v["entropy"], "\(v)")
        }
    }

    @Test func randomSeedRoundTrips() throws {
        let seed = try CipherSeed.generate(birthday: 6000)
        let pass = try SecureBytes(copying: Array("correct horse".utf8))
        let words = try seed.encipher(passphrase: pass, scryptN: 16)
        let back = try CipherSeed.decipher(mnemonic: words, passphrase: pass, scryptN: 16)
        #expect(back.internalVersion == 1)
        #expect(back.birthday == 6000)
        #expect(back.salt == seed.salt)
        #expect(back.entropy.constantTimeEquals(seed.entropy))
    }

    @Test func birthdayFromTime() {
        #expect(CipherSeed.birthday(unixTime: CipherSeed.genesisUnixTime) == 0)
        #expect(CipherSeed.birthday(unixTime: 1_521_799_345) == 3365)
        #expect(CipherSeed.birthday(unixTime: 0) == 0)
        #expect(CipherSeed.birthday(unixTime: Int64.max / 2) == UInt16.max)
        #expect(CipherSeed.birthday(date: Date(timeIntervalSince1970: 1_521_799_345)) == 3365)
    }

    // MARK: Parsing typed words

    @Test func parseAcceptsAnyWhitespaceAndCase() throws {
        let v = try SeedVector("aezeed/lnd-v1-n16.txt")
        let mixedCase = v.mnemonic.enumerated().map { k, w in k % 3 == 0 ? w.uppercased() : w }
        let messy = "  " + mixedCase.joined(separator: " \t\n  ") + "\n"
        #expect(try Mnemonic.parse(text: messy) == v.mnemonic)
        #expect(try Mnemonic.parse(text: v.mnemonic.joined(separator: " ") + "\r\n") == v.mnemonic)
    }

    @Test func wrongWordCount() throws {
        let v = try SeedVector("aezeed/lnd-v1-n16.txt")
        #expect(throws: AezeedError.wrongWordCount(got: 23)) {
            try Mnemonic.parse(text: v.mnemonic.dropLast().joined(separator: " "))
        }
        #expect(throws: AezeedError.wrongWordCount(got: 25)) {
            try CipherSeed.decipher(mnemonic: v.mnemonic + ["abandon"], passphrase: nil, scryptN: 16)
        }
    }

    @Test func unknownWordNamesPositionAndSuggestion() throws {
        var words = try SeedVector("aezeed/lnd-v1-n16.txt").mnemonic
        words[4] = "barelly"
        #expect(throws: AezeedError.unknownWord(word: "barelly", position: 5, suggestion: "barely")) {
            try Mnemonic.parse(text: words.joined(separator: " "))
        }
        let error = AezeedError.unknownWord(word: "barelly", position: 5, suggestion: "barely")
        #expect(error.description.contains("word 5"))
        #expect(error.description.contains("did you mean \"barely\""))
        #expect(Mnemonic.closestWord(to: "abandn") == "abandon")
        #expect(Mnemonic.closestWord(to: "zooo") == "zoo")
        // A pasted blob is judged by its first 16 letters only (bounded cost, docs/fuzzing.md).
        let blob = "abandonx" + String(repeating: "q", count: 10_000)
        #expect(Mnemonic.closestWord(to: blob) == Mnemonic.closestWord(to: String(blob.prefix(16))))
    }

    @Test func swappedWordsFailTheChecksum() throws {
        var words = try SeedVector("aezeed/lnd-v1-n16.txt").mnemonic
        words.swapAt(3, 4)
        #expect(throws: AezeedError.badChecksum) {
            try CipherSeed.decipher(mnemonic: words, passphrase: nil, scryptN: 16)
        }
        #expect(AezeedError.badChecksum.description.contains("a word is wrong or the order is off"))
    }

    @Test func unknownExternalVersion() throws {
        var bytes = TestHex.bytes(try #require(try SeedVector("aezeed/lnd-v1-n16.txt")["cs33"]))
        bytes[0] = 1
        let crc = CRC32C.checksum(bytes[0..<29])
        bytes.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xff), UInt8(crc >> 8 & 0xff), UInt8(crc & 0xff)])
        #expect(throws: AezeedError.unsupportedExternalVersion(1)) {
            try CipherSeed.decipher(mnemonic: Mnemonic.words(from: bytes), passphrase: nil, scryptN: 16)
        }
    }

    @Test func wrongPassphrase() throws {
        let v = try SeedVector("aezeed/lnd-v2-n16.txt")
        #expect(throws: AezeedError.wrongPassphrase) {
            try CipherSeed.decipher(mnemonic: v.mnemonic, passphrase: SecureBytes(copying: Array("wrong".utf8)), scryptN: 16)
        }
        // No passphrase means "aezeed", which is also wrong for this seed.
        #expect(throws: AezeedError.wrongPassphrase) {
            try CipherSeed.decipher(mnemonic: v.mnemonic, passphrase: nil, scryptN: 16)
        }
    }

    @Test func unsupportedInternalVersion() throws {
        let seed = try CipherSeed(internalVersion: 2, birthday: 1, entropy: SecureBytes.random(count: 16), salt: [1, 2, 3, 4, 5])
        let words = try seed.encipher(passphrase: nil, scryptN: 16)
        #expect(throws: AezeedError.unsupportedInternalVersion(2)) {
            try CipherSeed.decipher(mnemonic: words, passphrase: nil, scryptN: 16)
        }
    }

    @Test func invalidLengthsAreErrors() throws {
        #expect(throws: AezeedError.invalidLength(field: "entropy", expected: 16, got: 15)) {
            try CipherSeed(internalVersion: 0, birthday: 0, entropy: SecureBytes.random(count: 15), salt: [1, 2, 3, 4, 5])
        }
        #expect(throws: AezeedError.invalidLength(field: "salt", expected: 5, got: 4)) {
            try CipherSeed(internalVersion: 0, birthday: 0, entropy: SecureBytes.random(count: 16), salt: [1, 2, 3, 4])
        }
        #expect(throws: AezeedError.invalidLength(field: "enciphered seed", expected: 33, got: 32)) {
            try CipherSeed.decipher(enciphered: [UInt8](repeating: 0, count: 32), passphrase: nil, scryptN: 16)
        }
    }

    @Test func everyErrorSaysWhatToDo() {
        let errors: [AezeedError] = [
            .wrongWordCount(got: 12), .unknownWord(word: "x", position: 1, suggestion: "abandon"), .badChecksum,
            .unsupportedExternalVersion(3), .wrongPassphrase, .unsupportedInternalVersion(9),
            .invalidLength(field: "salt", expected: 5, got: 1),
        ]
        for e in errors { #expect(e.description.count > 20, "\(e)") }
    }
}
