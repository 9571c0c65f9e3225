import Foundation
import LocalStore

/// `StagedSnapshot` over LocalStore's `SnapshotDraft` (its temporary file already written).
struct LocalStagedSnapshot: StagedSnapshot {
    let draft: SnapshotDraft

    func commit(multiHash: [UInt8], channelCount: Int, createdAt: Date) throws -> AgentSnapshotInfo {
        LocalStoreAdapter.info(try draft.commit(multiHash: multiHash, channelCount: channelCount, createdAt: createdAt))
    }

    func discard() {
        draft.discard()
    }
}
