import Foundation

/// Tests/Vectors/lnd/<name>.json: `{"_provenance", "_definition": <swagger definition>, "message": {...}}`.
enum LNDClientFixtures {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors")

    static func file(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: vectors.appendingPathComponent("lnd/\(name).json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The message JSON bytes, as lnd would send them.
    static func message(_ name: String) throws -> Data {
        try JSONSerialization.data(withJSONObject: file(name)["message"] ?? [:])
    }

    static let allNames = ["chanbackupsnapshot", "closestatus_closed", "closestatus_pending", "error_locked", "genseed", "getinfo",
                           "getstate", "listchannels", "nodeinfo", "pendingchannels", "restore", "sharedkey", "verify"]
}
