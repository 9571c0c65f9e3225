import BackupCore
import Foundation
import SeedKit

/// A snapshot whose envelope and lnd backup both opened with keys from the words.
public struct OpenedSnapshot: Sendable {
    public var reference: SnapshotReference
    /// The envelope's authenticated counter (docs/envelope.md §9 says how it orders snapshots).
    public var counter: UInt64
    /// Who wrote it and whose history it continues; nil for a version 1 envelope.
    public var lineage: SnapshotLineage?
    /// SHA-256 of the envelope bytes: the same for every copy of this snapshot (vault, local, USB).
    public var identity: [UInt8]
    /// When the agent sealed it (the node's clock).
    public var createdAt: Date
    /// lnd's Multi exactly as lnd wrote it: the bytes of a `channel.backup`.
    public var lndBackup: [UInt8]
    public var inspection: BackupInspection
    /// The coin type's keys that opened it.
    public var keys: RecoveryKeys
}
