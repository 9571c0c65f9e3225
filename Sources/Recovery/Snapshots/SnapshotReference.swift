import BackupCore
import Foundation

/// One stored copy of our envelope (a snapshot of lnd's Multi), before it is opened.
public struct SnapshotReference: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        /// A version in the vault.
        case vault(version: UInt64)
        /// A file in a local folder or USB copy; `sequence` from the agent's file name, if any.
        case file(path: String, sequence: UInt64?)
    }

    public var origin: Origin
    /// When the store committed it (vault clock) or the agent wrote it (local files).
    public var storedAt: Date?
    public var size: Int
    /// The SHA-256 the store recorded for these bytes, if it keeps one.
    public var contentHash: [UInt8]?

    public init(origin: Origin, storedAt: Date?, size: Int, contentHash: [UInt8]?) {
        self.origin = origin
        self.storedAt = storedAt
        self.size = size
        self.contentHash = contentHash
    }

    /// The number `--version` selects: the vault version, or the local file's sequence.
    public var number: UInt64? {
        switch origin {
        case .vault(let version): return version
        case .file(_, let sequence): return sequence
        }
    }

    /// How the user sees it: "vault v7" or the file name.
    public var label: String {
        switch origin {
        case .vault(let version): return "vault v\(version)"
        case .file(let path, _): return URL(fileURLWithPath: path).lastPathComponent
        }
    }

    /// The store that holds this copy, for messages and ordering: "the vault" or "folder DIR".
    public var storeName: String {
        switch origin {
        case .vault: return "the vault"
        case .file(let path, _): return "folder " + URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
    }

    /// Its place in its store's own order (vault version, file sequence); nil for a bare file.
    public var position: HistoryPosition? {
        number.map { HistoryPosition(store: storeName, order: $0) }
    }
}
