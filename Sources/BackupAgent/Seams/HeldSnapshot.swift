import Foundation

/// The staging of a store that has none: the sealed bytes wait in memory and `commit` saves them.
struct HeldSnapshot: StagedSnapshot {
    let store: any SnapshotStore
    let sealed: [UInt8]

    func commit(multiHash: [UInt8], channelCount: Int, createdAt: Date) throws -> AgentSnapshotInfo {
        try store.save(sealed: sealed, multiHash: multiHash, channelCount: channelCount, createdAt: createdAt)
    }

    func discard() {}
}
