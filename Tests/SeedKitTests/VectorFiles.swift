import Foundation
import Sodium
import Codecs

/// Reads the files under Tests/Vectors/seedkit/, located relative to this source file.
enum VectorFiles {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Vectors/seedkit")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: data(relativePath))
    }

    /// Parses a `key: value` vector file: `#` starts a comment line, blank lines are skipped,
    /// and the value is everything after the first ": " (trimmed).
    static func fields(_ relativePath: String) throws -> [String: String] {
        let text = String(decoding: try data(relativePath), as: UTF8.self)
        var fields = [String: String]()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            fields[key] = value
        }
        return fields
    }

    /// Every file in `subdirectory` with the given extension, sorted by name.
    static func files(in subdirectory: String, withExtension ext: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(subdirectory).path)
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { subdirectory + "/" + $0 }
    }
}

enum TestHex {
    /// Decodes hex from a vector file; a malformed vector is a test bug, reported as empty.
    static func bytes(_ text: String) -> [UInt8] {
        Hex.decode(text) ?? []
    }

    static func secret(_ text: String) throws -> SecureBytes {
        try SecureBytes(copying: bytes(text))
    }
}
