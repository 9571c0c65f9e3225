import Foundation
import LocalStore

/// A fresh real directory under the system temp dir, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "localstore") throws {
        try self.init(at: FileManager.default.temporaryDirectory.path, label)
    }

    /// Under `base` (e.g. a directory on the disk to benchmark).
    init(at base: String, _ label: String) throws {
        path = base + "/casa-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func sub(_ name: String) -> String { path + "/" + name }
}

/// Deterministic test payloads: distinct sealed bytes and Multi hashes per index.
enum Payload {
    static func sealed(_ index: Int, size: Int? = nil) -> [UInt8] {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        return (0..<(size ?? (60 + index * 37))).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func multiHash(_ index: Int) -> [UInt8] {
        (0..<32).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0) }
    }
}

/// Reads `Tests/Vectors/<relative>` as "key: value" lines (comments start with #).
func vectorFields(_ relative: String, filePath: String = #filePath) throws -> [String: String] {
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("Vectors/" + relative), encoding: .utf8)
    var fields = [String: String]()
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return fields
}

func hexBytes(_ text: String?) -> [UInt8]? {
    guard let text, text.count % 2 == 0 else { return nil }
    var out = [UInt8]()
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
        out.append(byte)
        index = next
    }
    return out
}
