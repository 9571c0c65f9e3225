import Foundation
import Sodium
import Codecs

/// One test vector file from Tests/Vectors: `key: value` lines, `#` comments.
struct VectorFile {
    let name: String
    let fields: [String: String]

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors")

    /// Every file in Tests/Vectors/<folder> whose name starts with `prefix`, sorted by name.
    static func all(in folder: String, prefix: String = "") throws -> [VectorFile] {
        let dir = directory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }
            .sorted()
            .map { try VectorFile(url: dir.appendingPathComponent($0)) }
    }

    static func load(_ folder: String, _ name: String) throws -> VectorFile {
        try VectorFile(url: directory.appendingPathComponent(folder).appendingPathComponent(name + ".txt"))
    }

    init(url: URL) throws {
        name = url.deletingPathExtension().lastPathComponent
        var fields: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] =
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        self.fields = fields
    }

    func string(_ key: String) throws -> String {
        guard let v = fields[key] else { throw VectorError.missing(name, key) }
        return v
    }

    func bytes(_ key: String) throws -> [UInt8] {
        guard let b = Hex.decode(try string(key)) else { throw VectorError.missing(name, key) }
        return b
    }

    func secret(_ key: String) throws -> SecureBytes { try SecureBytes(copying: bytes(key)) }
}

enum VectorError: Error, CustomStringConvertible {
    case missing(String, String)
    var description: String {
        switch self {
        case .missing(let file, let key): return "vector \(file) has no valid field \(key)"
        }
    }
}
