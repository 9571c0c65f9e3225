public import Sodium

/// The 24 words as secret text (review M8): typed or pasted text in secure memory becomes the
/// 33 enciphered bytes in secure memory, and back, without a Swift `String` of the words, which
/// the heap would keep after use. Only a word that is not in the list is copied into the error
/// (its first 16 bytes), because the owner must see what to correct.
extension Mnemonic {
    /// Parses text like `parse(text:)` does: ASCII whitespace, no-break spaces (U+00A0,
    /// U+202F), U+2000–U+200A and the ideographic space (U+3000) separate words; A–Z count as a–z.
    public static func enciphered(fromText text: SecureBytes) throws -> SecureBytes {
        let words = text.withUnsafeBytes(MnemonicWordRanges.init)
        guard words.ranges.count == wordCount else { throw AezeedError.wrongWordCount(got: words.ranges.count) }
        return try SecureBytes(count: byteCount) { out in
            try text.withUnsafeBytes { bytes in
                var bit = 0
                for (position, range) in words.ranges.enumerated() {
                    guard let index = Self.index(of: UnsafeRawBufferPointer(rebasing: bytes[range])) else {
                        let typed = String(decoding: bytes[range].prefix(Self.suggestionLetters), as: UTF8.self).lowercased()
                        throw AezeedError.unknownWord(word: typed, position: position + 1, suggestion: closestWord(to: typed))
                    }
                    for k in stride(from: bitsPerWord - 1, through: 0, by: -1) {
                        if (index >> k) & 1 == 1 { out[bit / 8] |= 0x80 >> UInt8(bit % 8) }
                        bit += 1
                    }
                }
            }
        }
    }

    /// The words that 33 enciphered bytes encode, lowercase and separated by single spaces (what
    /// lnd's InitWallet takes), in secure memory.
    public static func text(fromEnciphered enciphered: SecureBytes) throws -> SecureBytes {
        guard enciphered.count == byteCount else {
            throw AezeedError.invalidLength(field: "enciphered seed", expected: byteCount, got: enciphered.count)
        }
        let indices = enciphered.withUnsafeBytes { bytes in
            (0..<wordCount).map { word in
                (0..<bitsPerWord).reduce(0) { index, k in
                    let bit = word * bitsPerWord + k
                    return index << 1 | Int((bytes[bit / 8] >> UInt8(7 - bit % 8)) & 1)
                }
            }
        }
        let length = indices.reduce(wordCount - 1) { $0 + BIP39EnglishWordlist.words[$1].utf8.count }
        return try SecureBytes(count: length) { out in
            var at = 0
            for (n, index) in indices.enumerated() {
                if n > 0 { out[at] = 0x20; at += 1 }
                for byte in BIP39EnglishWordlist.words[index].utf8 { out[at] = byte; at += 1 }
            }
        }
    }

    /// The list index of `word` (ASCII letters, any case), by binary search in the sorted list;
    /// nil for anything else. Compares bytes in place: the word is never copied.
    static func index(of word: UnsafeRawBufferPointer) -> Int? {
        guard (1...8).contains(word.count) else { return nil }
        var low = 0
        var high = BIP39EnglishWordlist.words.count - 1
        while low <= high {
            let middle = (low + high) / 2
            switch compare(word, BIP39EnglishWordlist.words[middle]) {
            case 0: return middle
            case ..<0: high = middle - 1
            default: low = middle + 1
            }
        }
        return nil
    }

    /// Lexicographic comparison of the lower-cased `word` with a list word (ASCII).
    private static func compare(_ word: UnsafeRawBufferPointer, _ candidate: String) -> Int {
        var i = 0
        for c in candidate.utf8 {
            guard i < word.count else { return -1 }
            var w = word[i]
            if (0x41...0x5a).contains(w) { w |= 0x20 }
            if w != c { return Int(w) - Int(c) }
            i += 1
        }
        return i < word.count ? 1 : 0
    }
}

/// Where the words are in secret text (offsets only; the text is not copied).
struct MnemonicWordRanges {
    var ranges: [Range<Int>] = []

    init(_ bytes: UnsafeRawBufferPointer) {
        var start: Int?
        var i = 0
        while i < bytes.count {
            let separator = Self.separatorLength(bytes, at: i)
            if separator > 0 {
                if let s = start { ranges.append(s..<i); start = nil }
                i += separator
            } else {
                if start == nil { start = i }
                i += 1
            }
        }
        if let s = start { ranges.append(s..<bytes.count) }
    }

    /// Bytes of the separator at `i` (0: none): ASCII whitespace, or a UTF-8 space character.
    static func separatorLength(_ b: UnsafeRawBufferPointer, at i: Int) -> Int {
        let byte = b[i]
        if byte == 0x20 || (0x09...0x0d).contains(byte) { return 1 }
        if byte == 0xc2, i + 1 < b.count, b[i + 1] == 0xa0 { return 2 }  // U+00A0
        guard i + 2 < b.count else { return 0 }
        if byte == 0xe2, b[i + 1] == 0x80, (0x80...0x8a).contains(b[i + 2]) || b[i + 2] == 0xaf { return 3 }  // U+2000–200A, U+202F
        if byte == 0xe3, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }  // U+3000
        return 0
    }
}
