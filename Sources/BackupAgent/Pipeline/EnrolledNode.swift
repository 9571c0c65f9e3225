public import BackupCore
public import BlobStorage
import Foundation
import Sodium
import Codecs

/// The lnd node this device was enrolled for (review L7). Enrollment checks the words against
/// lnd's identity and records it in `<state_dir>/node-identity`; at every key install the agent
/// compares lnd's identity again. A replaced wallet (another node) would otherwise give the agent
/// a new backup root and blob: it would upload where the owner's words never look.
public struct EnrolledNode: Sendable {
    public let path: String

    public init(stateDirectory: String) {
        path = stateDirectory + "/node-identity"
    }

    /// The recorded identity (33-byte compressed key), nil when none is recorded yet.
    public func recorded() throws -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text), bytes.count == 33 else {
            throw AgentError.configuration("\(path) does not hold a node identity (66 hex digits); run `casa-backupd enroll` again to rewrite it")
        }
        return bytes
    }

    public func record(_ identity: [UInt8]) throws {
        try DurableFile.write(Array((Hex.encode(identity) + "\n").utf8), to: path, mode: 0o644)
    }

    /// Accepts `identity` (lnd now) with keys for `blob`, or throws `AgentError.differentNode`.
    /// With no identity recorded (a device enrolled by an older agent), the blob name remembered
    /// from earlier runs decides; when it agrees (or there is none) the identity is recorded.
    public func confirm(identity: [UInt8], blob: BlobName, rememberedBlob: BlobName?) throws {
        if let recorded = try recorded() {
            guard recorded == identity else {
                throw AgentError.differentNode(enrolled: Hex.encode(recorded), now: Hex.encode(identity))
            }
            return
        }
        if let rememberedBlob, rememberedBlob != blob {
            throw AgentError.differentNode(enrolled: "the node whose backups go to blob \(rememberedBlob.rawValue.prefix(16))…", now: Hex.encode(identity))
        }
        try record(identity)
    }
}
