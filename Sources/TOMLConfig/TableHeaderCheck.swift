/// Finds table headers (`[name]`, `[[name]]` at the start of a line, outside any value) and
/// checks that each name starts like a TOML key. Strings, comments, arrays and inline tables
/// are skipped, so a line `[1, 2],` inside a multi-line array is not taken for a header.
enum TableHeaderCheck {
    static func validate(_ text: String) throws {
        let bytes = Array(text.utf8)
        if let nul = bytes.firstIndex(of: 0) {
            throw TOMLConfigError("line \(line(of: nul, in: bytes)): the file holds a NUL byte; a configuration file is plain UTF-8 text")
        }
        var i = 0
        var depth = 0  // open arrays and inline tables of a value
        var atLineStart = true
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\n"):
                atLineStart = true
                i += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
                continue
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                i = skipString(bytes, from: i)
            case UInt8(ascii: "[") where atLineStart && depth == 0:
                try checkHeader(bytes, at: i)
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                i += 1
            default:
                i += 1
            }
            atLineStart = false
        }
    }

    /// The header's name must begin with A-Z, a-z, 0-9, `_`, `-` or a quote.
    private static func checkHeader(_ bytes: [UInt8], at start: Int) throws {
        var i = start + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") { i += 1 }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < bytes.count else { return }  // "[" at the very end: the parser reports it
        let c = bytes[i]
        let isKey = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
        if !isKey && c != UInt8(ascii: "\n") && c != UInt8(ascii: "\r") {
            throw TOMLConfigError("line \(line(of: start, in: bytes)): a table header [name] must start its name with a letter, a digit, _ or -, or quote it (\"name\")")
        }
    }

    /// The index after the string that starts at `start` (basic or literal, one or three quotes).
    private static func skipString(_ bytes: [UInt8], from start: Int) -> Int {
        let quote = bytes[start]
        let triple = start + 2 < bytes.count && bytes[start + 1] == quote && bytes[start + 2] == quote
        var i = start + (triple ? 3 : 1)
        while i < bytes.count {
            if quote == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if !triple, bytes[i] == UInt8(ascii: "\n") { return i }
            if bytes[i] == quote {
                if !triple { return i + 1 }
                if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote { return i + 3 }
            }
            i += 1
        }
        return i
    }

    private static func line(of index: Int, in bytes: [UInt8]) -> Int {
        bytes[..<index].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
