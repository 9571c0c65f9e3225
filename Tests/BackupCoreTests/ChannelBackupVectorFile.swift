import Foundation
import Sodium

/// One vector from Tests/Vectors/scb: `key: value` header lines, a blank line, then hex.
struct ChannelBackupVectorFile {
    let headers: [String: String]
    let bytes: [UInt8]

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/scb")

    init(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        guard let split = text.range(of: "\n\n") else { throw VectorError.malformed(name, "no blank line after the header") }
        var headers: [String: String] = [:]
        for line in text[..<split.lowerBound].split(separator: "\n") {
            guard let colon = line.range(of: ": ") else { throw VectorError.malformed(name, "header line without ': '") }
            headers[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
        }
        let hex = text[split.upperBound...].filter { !$0.isWhitespace }
        guard let bytes = Hex.decode(hex) else { throw VectorError.malformed(name, "body is not hex") }
        self.headers = headers
        self.bytes = bytes
    }

    func header(_ key: String) throws -> String {
        guard let value = headers[key] else { throw VectorError.malformed(key, "missing header") }
        return value
    }

    func key() throws -> SecureBytes {
        guard let key = Hex.decode(try header("key")) else { throw VectorError.malformed("key", "not hex") }
        return try SecureBytes(copying: key)
    }

    enum VectorError: Error {
        case malformed(String, String)
    }
}
