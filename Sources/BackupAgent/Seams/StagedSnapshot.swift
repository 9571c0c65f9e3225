public import Foundation

/// A sealed snapshot on its way into a `SnapshotStore` (`stage`), not stored yet: `commit` stores
/// it (returning is the acknowledgement, as for `save`), `discard` drops it. Use one of them, once.
public protocol StagedSnapshot: Sendable {
    func commit(multiHash: [UInt8], channelCount: Int, createdAt: Date) throws -> AgentSnapshotInfo
    func discard()
}
