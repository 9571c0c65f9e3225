import Foundation

/// Reads a Tests/Vectors file: `key: value` header lines, a blank line, then hex data.
struct VectorFile {
    let fields: [String: String]
    let data: [UInt8]

    init(_ relativePath: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors").appendingPathComponent(relativePath)
        let text = try String(contentsOf: url, encoding: .utf8)
        var fields: [String: String] = [:]
        var hex = ""
        var inBody = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if inBody {
                hex += line.trimmingCharacters(in: .whitespaces)
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                inBody = true
            } else if let colon = line.firstIndex(of: ":") {
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        self.fields = fields
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index != next {
            if let byte = UInt8(hex[index..<next], radix: 16) { bytes.append(byte) }
            index = next
        }
        self.data = bytes
    }
}
