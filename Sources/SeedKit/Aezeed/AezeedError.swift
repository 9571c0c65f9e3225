/// Everything that can be wrong with an aezeed a person types in. Each message says what
/// to check or do; none contains more of the seed than the single word the person typed.
public enum AezeedError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not 24 words.
    case wrongWordCount(got: Int)
    /// A word outside the BIP-39 English list, at 1-based `position`, with the closest list word.
    case unknownWord(word: String, position: Int, suggestion: String)
    /// The CRC-32C does not match: a word is wrong or two are swapped.
    case badChecksum
    /// The first byte (the external version) is not 0.
    case unsupportedExternalVersion(UInt8)
    /// AEZ authentication failed: the passphrase is wrong.
    case wrongPassphrase
    /// The deciphered key-derivation version is newer than we know (0 and 1).
    case unsupportedInternalVersion(UInt8)
    /// A field given to `CipherSeed.init` or the decoder has the wrong length.
    case invalidLength(field: String, expected: Int, got: Int)

    public var description: String {
        switch self {
        case .wrongWordCount(let got):
            return "an lnd seed (aezeed) has exactly 24 words, but \(got) were given: check that no word is missing, "
                + "doubled or split (a 12- or 18-word phrase is a BIP-39 wallet seed, not an lnd seed)"
        case .unknownWord(let word, let position, let suggestion):
            return "word \(position) (\"\(word)\") is not in the seed word list; did you mean \"\(suggestion)\"? "
                + "Check its spelling against your written copy"
        case .badChecksum:
            return "the seed's checksum does not match: a word is wrong or the order is off; "
                + "compare every word, in order, with your written copy"
        case .unsupportedExternalVersion(let version):
            return "this seed claims format version \(version), but only aezeed version 0 exists: "
                + "a word (most likely one of the first two) is wrong"
        case .wrongPassphrase:
            return "the seed could not be deciphered: the seed passphrase (the optional \"cipher seed passphrase\" "
                + "set when the wallet was created) is wrong; if none was set, leave it empty"
        case .unsupportedInternalVersion(let version):
            return "this seed uses key-derivation version \(version), newer than this tool supports (0 and 1): "
                + "upgrade casa before recovering with it"
        case .invalidLength(let field, let expected, let got):
            return "aezeed \(field) must be \(expected) bytes, got \(got)"
        }
    }
}
