import Foundation
import Sodium
import Codecs

/// One test vector file from Tests/Vectors/<directory>/: `key: value` header lines (`key:` alone is an
/// empty value), a blank line, then an optional hex body (whitespace ignored). Header lines starting
/// with `#` are comments. One case per file, as in age's CCTV. The one vector parser of the test suite.
public struct VectorFile: CustomStringConvertible, Sendable {
    public let name: String
    public let fields: [String: String]
    public let body: [UInt8]

    /// Tests/Vectors, found relative to this source file so tests run from any directory.
    public static let vectorsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Vectors")

    /// Tests/Vectors/<directory>, or a file in it.
    public static func url(_ directory: String, _ file: String? = nil) -> URL {
        let dir = vectorsDirectory.appendingPathComponent(directory)
        return file.map { dir.appendingPathComponent($0) } ?? dir
    }

    /// A file's raw bytes, for the vectors that are not `key: value` files (JSON, golden text).
    public static func data(_ directory: String, _ file: String) throws -> Data {
        try Data(contentsOf: url(directory, file))
    }

    public static func load(_ directory: String, _ file: String) throws -> VectorFile {
        try VectorFile(name: file, text: String(contentsOf: url(directory, file), encoding: .utf8))
    }

    /// Every file in `directory` starting with `prefix` and ending in `suffix`, sorted by name.
    public static func all(in directory: String, prefix: String = "", suffix: String = ".txt") throws -> [VectorFile] {
        try names(in: directory, prefix: prefix, suffix: suffix).map { try load(directory, $0) }
    }

    /// The names of the files in `directory` starting with `prefix` and ending in `suffix`, sorted.
    public static func names(in directory: String, prefix: String = "", suffix: String = ".txt") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(directory).path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
    }

    public init(name: String, text: String) throws {
        self.name = name
        var fields: [String: String] = [:]
        var bodyHex = ""
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if inBody {
                bodyHex += line.filter { !$0.isWhitespace }
            } else if line.isEmpty {
                inBody = true
            } else if line.hasPrefix("#") {
                continue
            } else if let colon = line.range(of: ": ") {
                fields[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
            } else if line.hasSuffix(":") {
                fields[String(line.dropLast())] = ""
            } else {
                throw VectorFileError.malformed(name, "header line without ': ': \(line)")
            }
        }
        guard let body = Hex.decode(bodyHex) else { throw VectorFileError.malformed(name, "body is not hex") }
        self.fields = fields
        self.body = body
    }

    public func field(_ key: String) throws -> String {
        guard let value = fields[key] else { throw VectorFileError.malformed(name, "missing field '\(key)'") }
        return value
    }

    public func hexField(_ key: String) throws -> [UInt8] {
        guard let bytes = Hex.decode(try field(key)) else { throw VectorFileError.malformed(name, "field '\(key)' is not hex") }
        return bytes
    }

    public func secret(_ key: String) throws -> SecureBytes {
        try SecureBytes(copying: hexField(key))
    }

    public func integer(_ key: String) throws -> UInt64 {
        guard let value = UInt64(try field(key)) else { throw VectorFileError.malformed(name, "field '\(key)' is not an integer") }
        return value
    }

    public var description: String { name }
}

public enum VectorFileError: Error, CustomStringConvertible {
    case malformed(String, String)

    public var description: String {
        switch self {
        case .malformed(let file, let reason): return "vector \(file): \(reason)"
        }
    }
}
