import Foundation
import Sodium
import Codecs
import TestSupport

/// Tests/LightningPeerTests/Peers/pyln_peer.py: a real Lightning peer built on pyln-proto.
enum PylnPeer {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers/pyln_peer.py").path

    /// Starts `pyln_peer.py listen ...` and returns it with its port and node id.
    static func listen(key: [UInt8], arguments: [String] = []) throws -> (ChildProcess, port: UInt16, nodeID: String) {
        let p = try start([script, "listen", "--key", Hex.encode(key)] + arguments)
        let hello = try p.waitForEvent("listening")
        guard let port = hello["port"] as? Int, let id = hello["node_id"] as? String else {
            throw ChildProcess.Failure(description: "bad listening line: \(hello); stderr: \(p.capturedStderr)")
        }
        return (p, UInt16(port), id)
    }

    /// Starts `python3 <arguments>` (through env, as a shell would find it) with stderr kept for failure messages.
    static func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess("/usr/bin/env", ["python3"] + arguments, stderr: .capture)
    }

    /// The messages one connection of a finished `listen` run received: (type, payload hex).
    static func messages(_ done: [String: Any], connection: Int) -> [(type: Int, payload: String)] {
        guard let conns = done["connections"] as? [[String: Any]], connection < conns.count,
              let msgs = conns[connection]["messages"] as? [[String: Any]] else { return [] }
        return msgs.compactMap { m in (m["type"] as? Int).map { ($0, m["payload"] as? String ?? "") } }
    }
}

extension ChildProcess {
    /// Parses the first JSON line pyln_peer.py printed whose "event" is `event`.
    func waitForEvent(_ event: String, timeout: Duration = .seconds(30)) throws -> [String: Any] {
        let line = try waitForLine(timeout: timeout) { $0.contains("\"event\": \"\(event)\"") }
        guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Failure(description: "not a JSON object: \(line)")
        }
        return obj
    }
}
