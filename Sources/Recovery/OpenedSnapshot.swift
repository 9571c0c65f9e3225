import Foundation
import SeedKit

/// A snapshot whose envelope and lnd backup both opened with keys from the words.
public struct OpenedSnapshot: Sendable {
    public var reference: SnapshotReference
    /// The envelope's authenticated counter: higher is newer, whatever the clocks say.
    public var counter: UInt64
    /// When the agent sealed it (the node's clock).
    public var createdAt: Date
    /// lnd's Multi exactly as lnd wrote it: the bytes of a `channel.backup`.
    public var lndBackup: [UInt8]
    public var inspection: BackupInspection
    /// The coin type's keys that opened it.
    public var keys: RecoveryKeys
}
