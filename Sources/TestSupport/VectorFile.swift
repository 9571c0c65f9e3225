import Foundation
import Sodium
import Codecs

/// One test vector file from Tests/Vectors/<directory>/: `key: value` header lines, a blank
/// line, then an optional hex body (whitespace ignored). Header lines starting with `#` are comments. One case per file, as in age's CCTV.
public struct VectorFile: CustomStringConvertible, Sendable {
    public let name: String
    public let fields: [String: String]
    public let body: [UInt8]

    /// Tests/Vectors, found relative to this source file so tests run from any directory.
    public static let vectorsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Vectors")

    public static func load(_ directory: String, _ file: String) throws -> VectorFile {
        let url = vectorsDirectory.appendingPathComponent(directory).appendingPathComponent(file)
        return try VectorFile(name: file, text: String(contentsOf: url, encoding: .utf8))
    }

    /// Every file in `directory` ending in `suffix`, sorted by name.
    public static func all(in directory: String, suffix: String = ".txt") throws -> [VectorFile] {
        let dir = vectorsDirectory.appendingPathComponent(directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(suffix) }.sorted()
        return try names.map { try load(directory, $0) }
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
