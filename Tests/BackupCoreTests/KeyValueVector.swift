import Foundation
import Sodium
import Testing

/// One test vector file: `key: value` lines, then optionally a blank line and a hex body
/// (docs/envelope.md §8). Files live in Tests/Vectors/, found relative to this source file.
struct KeyValueVector: CustomStringConvertible {
    let name: String
    let fields: [String: String]
    let body: [UInt8]

    static let vectorsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors")

    static func load(_ directory: String, _ file: String) throws -> KeyValueVector {
        let url = vectorsDirectory.appendingPathComponent(directory).appendingPathComponent(file)
        return try KeyValueVector(name: file, text: String(contentsOf: url, encoding: .utf8))
    }

    static func all(in directory: String) throws -> [KeyValueVector] {
        let dir = vectorsDirectory.appendingPathComponent(directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { try load(directory, $0) }
    }

    init(name: String, text: String) throws {
        self.name = name
        var fields: [String: String] = [:]
        var bodyHex = ""
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if inBody {
                bodyHex += line.trimmingCharacters(in: .whitespaces)
            } else if line.isEmpty {
                inBody = true
            } else if let colon = line.range(of: ": ") {
                fields[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
            }
        }
        guard let body = Hex.decode(bodyHex) else { throw VectorError.badHex(name, "body") }
        self.fields = fields
        self.body = body
    }

    var description: String { name }

    func string(_ key: String) throws -> String {
        guard let value = fields[key] else { throw VectorError.missing(name, key) }
        return value
    }

    func hex(_ key: String) throws -> [UInt8] {
        guard let bytes = Hex.decode(try string(key)) else { throw VectorError.badHex(name, key) }
        return bytes
    }

    func secret(_ key: String) throws -> SecureBytes {
        try SecureBytes(copying: hex(key))
    }

    func integer(_ key: String) throws -> UInt64 {
        guard let value = UInt64(try string(key)) else { throw VectorError.missing(name, key) }
        return value
    }

    enum VectorError: Error {
        case missing(String, String)
        case badHex(String, String)
    }
}

extension KeyValueVector {
    /// For a failure vector: `open` must throw an `E` that `table[expect]` accepts.
    func expectFailure<E: Error>(_ table: [String: @Sendable (E) -> Bool], _ open: () throws -> Void) throws {
        let expect = try string("expect")
        let matches = try #require(table[expect], "unknown expect: \(expect)")
        do {
            try open()
            Issue.record("\(name) opened, expected \(expect)")
        } catch let error as E {
            #expect(matches(error), "\(name): got \(error), expected \(expect)")
        }
    }
}
