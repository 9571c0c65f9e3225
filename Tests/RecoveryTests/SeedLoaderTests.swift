import CommandLineSupport
import Recovery
import Testing
import TestSupport

@Suite struct SeedLoaderTests {
    let fixtures: RecoveryFixtures
    let words: [String]

    init() throws {
        fixtures = try RecoveryFixtures()
        words = try fixtures.vectorA.field("mnemonic").split(separator: " ").map(String.init)
    }

    func loadError(words text: String, passphrase: String? = nil) throws -> RecoveryError? {
        let w = try fixtures.words(text)
        let p = try passphrase.map { try fixtures.dir.write("p.txt", text: $0) }
        return #expect(throws: RecoveryError.self) { try SeedLoader(wordsFile: w, passphraseFile: p).load() }
    }

    @Test func misspelledWordGetsTheClosestSuggestion() throws {
        var w = words
        w[12] = "godess"  // "goddess"
        let error = try loadError(words: w.joined(separator: " "))
        #expect(error?.description.contains("word 13") == true)
        #expect(error?.description.contains("\"goddess\"") == true, "\(String(describing: error))")
        #expect(error?.exitStatus == .badSeed)
    }

    @Test func swappedWordsFailTheChecksum() throws {
        var w = words
        w.swapAt(5, 6)
        let error = try loadError(words: w.joined(separator: " "))
        #expect(error?.description.contains("checksum") == true)
    }

    @Test func wrongPassphraseIsReported() throws {
        let error = try loadError(words: words.joined(separator: " "), passphrase: "El Psy Congroo")
        #expect(error?.description.contains("passphrase") == true)
        #expect(error?.exitStatus == .badSeed)
    }

    @Test func wrongWordCountIsReported() throws {
        let error = try loadError(words: words[0..<23].joined(separator: " "))
        #expect(error?.description.contains("24 words") == true)
    }

    @Test func missingFilesSayWhichPath() throws {
        let error = #expect(throws: RecoveryError.self) {
            try SeedLoader(wordsFile: fixtures.dir.path + "/nope.txt").load()
        }
        #expect(error?.exitStatus == .cannotRead)
        #expect(error?.description.contains("nope.txt") == true)
    }

    @Test func badRootKeyIsReported() throws {
        let path = try fixtures.dir.write("bad-root.txt", text: "tprv-not-a-key\n")
        let error = #expect(throws: RecoveryError.self) { try SeedLoader(rootKeyFile: path).load() }
        #expect(error?.exitStatus == .badSeed)
    }
}
