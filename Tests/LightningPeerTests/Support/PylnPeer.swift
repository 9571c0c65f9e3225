import Foundation
import Sodium
import Codecs

/// Tests/LightningPeerTests/Peers/pyln_peer.py: a real Lightning peer built on pyln-proto.
enum PylnPeer {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers/pyln_peer.py").path

    /// Starts `pyln_peer.py listen ...` and returns it with its port and node id.
    static func listen(key: [UInt8], arguments: [String] = []) throws -> (ExternalProcess, port: UInt16, nodeID: String) {
        let p = try ExternalProcess("python3", [script, "listen", "--key", Hex.encode(key)] + arguments)
        let hello = try p.waitForEvent("listening")
        guard let port = hello["port"] as? Int, let id = hello["node_id"] as? String else {
            throw ProcessFailure("bad listening line: \(hello); stderr: \(p.stderr)")
        }
        return (p, UInt16(port), id)
    }

    /// The messages one connection of a finished `listen` run received: (type, payload hex).
    static func messages(_ done: [String: Any], connection: Int) -> [(type: Int, payload: String)] {
        guard let conns = done["connections"] as? [[String: Any]], connection < conns.count,
              let msgs = conns[connection]["messages"] as? [[String: Any]] else { return [] }
        return msgs.compactMap { m in (m["type"] as? Int).map { ($0, m["payload"] as? String ?? "") } }
    }
}
