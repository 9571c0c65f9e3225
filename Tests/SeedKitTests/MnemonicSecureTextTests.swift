import Sodium
import Testing
@testable import SeedKit
import Codecs

/// M8: the words go from secret text to the enciphered bytes (and back) in secure memory, with
/// the same rules and errors as `Mnemonic.parse(text:)`.
@Suite struct MnemonicSecureTextTests {
    static func secret(_ text: String) throws -> SecureBytes { try SecureBytes(copying: Array(text.utf8)) }

    @Test func everyVectorGivesTheSameBytesAsTheWords() throws {
        for v in try SeedVector.all() {
            let typed = v.mnemonic.enumerated().map { $0.offset % 5 == 0 ? $0.element.uppercased() : $0.element }
            // Separators from keyboards and web pages: tab, newline, no-break and ideographic spaces.
            let separators = [" ", "\t", "\n", "\u{00A0}", "\u{3000}", "\u{2009}", "  ", "\u{202F}"]
            let text = typed.enumerated().map { $0.element + separators[$0.offset % separators.count] }.joined()
            let bytes = try Mnemonic.enciphered(fromText: Self.secret(" \n" + text))
            #expect(bytes.unsafeCopy() == (try Mnemonic.bytes(from: v.mnemonic)), "\(v)")
            let back = try Mnemonic.text(fromEnciphered: bytes)
            #expect(String(decoding: back.unsafeCopy(), as: UTF8.self) == v.mnemonic.joined(separator: " "))
            let seed = try CipherSeed.decipher(enciphered: bytes, passphrase: v.passphrase(), scryptN: v.scryptN)
            #expect(Hex.encode(seed.salt) == v["salt"], "\(v)")
        }
    }

    @Test func errorsNameTheProblemLikeTheStringParser() throws {
        let words = try #require(try SeedVector.all().first).mnemonic
        #expect(throws: AezeedError.wrongWordCount(got: 23)) {
            try Mnemonic.enciphered(fromText: Self.secret(words.dropLast().joined(separator: " ")))
        }
        var typo = words
        typo[6] = "abandonn"
        #expect(throws: AezeedError.unknownWord(word: "abandonn", position: 7, suggestion: "abandon")) {
            try Mnemonic.enciphered(fromText: Self.secret(typo.joined(separator: " ")))
        }
        typo[6] = "ábandon"
        #expect(throws: AezeedError.self) { try Mnemonic.enciphered(fromText: Self.secret(typo.joined(separator: " "))) }
        typo[6] = String(repeating: "z", count: 10_000)
        #expect(throws: AezeedError.self) { try Mnemonic.enciphered(fromText: Self.secret(typo.joined(separator: " "))) }
    }

    @Test func everyListWordIsFoundAndNothingElse() throws {
        for (index, word) in BIP39EnglishWordlist.words.enumerated() {
            #expect(Array(word.utf8).withUnsafeBytes(Mnemonic.index(of:)) == index)
            #expect(Array(word.uppercased().utf8).withUnsafeBytes(Mnemonic.index(of:)) == index)
            #expect(Array((word + "a").utf8).withUnsafeBytes(Mnemonic.index(of:)) != index)
        }
        #expect(Array("".utf8).withUnsafeBytes(Mnemonic.index(of:)) == nil)
    }
}
