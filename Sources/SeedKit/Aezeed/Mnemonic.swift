/// aezeed's 24-word encoding: the 33 enciphered bytes read as a big-endian bit stream in
/// 11-bit groups, each an index into the BIP-39 English list.
public enum Mnemonic {
    public static let wordCount = 24
    static let bitsPerWord = 11
    static let byteCount = 33

    /// Splits typed or pasted text into words: any whitespace separates, case does not
    /// matter, and leading/trailing whitespace (one final newline included) is ignored.
    /// Checks the count and that every word is in the list.
    public static func parse(text: String) throws -> [String] {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map { $0.lowercased() }
        try validate(words)
        return words
    }

    /// Throws the first problem with `words`: the count, or an unknown word.
    public static func validate(_ words: [String]) throws {
        guard words.count == wordCount else { throw AezeedError.wrongWordCount(got: words.count) }
        for (k, word) in words.enumerated() where BIP39EnglishWordlist.indices[word.lowercased()] == nil {
            throw AezeedError.unknownWord(word: word, position: k + 1, suggestion: closestWord(to: word))
        }
    }

    /// The list word nearest to `word` by edit distance (ties: earliest in the list).
    static let suggestionLetters = 16

    public static func closestWord(to word: String) -> String {
        // Wordlist words have at most 8 letters: the first 16 typed are plenty to suggest one, and
        // bound the cost (a pasted 10,000-character "word" took 100-200 ms; docs/fuzzing.md).
        let typed = Array(word.lowercased().unicodeScalars.prefix(Self.suggestionLetters))
        var best = BIP39EnglishWordlist.words[0]
        var bestDistance = Int.max
        for candidate in BIP39EnglishWordlist.words {
            let d = editDistance(typed, Array(candidate.unicodeScalars))
            if d < bestDistance {
                best = candidate
                bestDistance = d
            }
        }
        return best
    }

    /// The 33 bytes the words encode.
    static func bytes(from words: [String]) throws -> [UInt8] {
        try validate(words)
        var out = [UInt8](repeating: 0, count: byteCount)
        var bit = 0
        for word in words {
            let index = BIP39EnglishWordlist.indices[word.lowercased()] ?? 0
            for k in stride(from: bitsPerWord - 1, through: 0, by: -1) {
                if (index >> k) & 1 == 1 { out[bit / 8] |= 0x80 >> UInt8(bit % 8) }
                bit += 1
            }
        }
        return out
    }

    /// The 24 words for 33 bytes.
    static func words(from bytes: [UInt8]) throws -> [String] {
        guard bytes.count == byteCount else {
            throw AezeedError.invalidLength(field: "enciphered seed", expected: byteCount, got: bytes.count)
        }
        var words = [String]()
        var bit = 0
        for _ in 0..<wordCount {
            var index = 0
            for _ in 0..<bitsPerWord {
                index = index << 1 | Int((bytes[bit / 8] >> UInt8(7 - bit % 8)) & 1)
                bit += 1
            }
            words.append(BIP39EnglishWordlist.words[index])
        }
        return words
    }

    /// Levenshtein distance (insertions, deletions, substitutions all cost 1).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
