import Foundation
import LocalStore
import Sodium
import Testing
import LocalStoreTesting
import TestSupport

/// `stage` then `commit`/`discard`: what the agent uses to write a snapshot while lnd's Multi is
/// still being checked. A draft is invisible until committed and leaves nothing when dropped.
@Suite struct SnapshotDraftTests {
    func temporaryFiles(_ store: LocalSnapshotStore) throws -> [String] {
        try POSIXFileSystem().listDirectory(at: store.primary.path).filter { $0.hasSuffix(".tmp") }
    }

    func roomy(_ index: Int) -> [UInt8] {
        SnapshotFileFormat.withHeaderRoom(Payload.sealed(index))
    }

    @Test func aStagedSnapshotIsInvisibleUntilCommitted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(LocalStoreConfiguration(stateDirectory: dir.sub("state")))
        try store.save(sealed: Payload.sealed(1), multiHash: Payload.multiHash(1), channelCount: 1)
        let draft = try store.stage(sealedAfterHeaderRoom: roomy(2))
        #expect(draft.sequence == 2 && draft.contentHash == SHA256.hash(Payload.sealed(2)) && draft.size == Payload.sealed(2).count)
        #expect(try temporaryFiles(store) == [SnapshotFileFormat.temporaryFileName(for: 2)])
        #expect(store.latest?.sequence == 1)
        #expect(try store.readLatest().snapshot?.sealed == Payload.sealed(1))
        #expect(try store.primary.sequences() == [1])

        let saved = try draft.commit(multiHash: Payload.multiHash(2), channelCount: 2)
        #expect(saved.sequence == 2 && store.latest == saved)
        #expect(try temporaryFiles(store).isEmpty)
        let read = try store.read(sequence: 2)
        #expect(read.metadata == saved && read.sealed == Payload.sealed(2))
        #expect(try store.nextUpload()?.snapshot.metadata.sequence == 1)
        #expect(throws: LocalStoreError.self) { try draft.commit(multiHash: Payload.multiHash(2), channelCount: 2) }
    }

    @Test func aDiscardedOrDroppedDraftLeavesNothingAndGivesItsSequenceBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(LocalStoreConfiguration(stateDirectory: dir.sub("state")))
        let discarded = try store.stage(sealedAfterHeaderRoom: roomy(1))
        discarded.discard()
        #expect(try temporaryFiles(store).isEmpty)
        #expect(throws: LocalStoreError.self) { try discarded.commit(multiHash: Payload.multiHash(1), channelCount: 1) }
        do {
            let dropped = try store.stage(sealedAfterHeaderRoom: roomy(2))
            #expect(dropped.sequence == 1)
        }
        #expect(try temporaryFiles(store).isEmpty)
        #expect(try store.save(sealed: Payload.sealed(3), multiHash: Payload.multiHash(3), channelCount: 3).sequence == 1)
        #expect(try store.primary.sequences() == [1])
        #expect(try store.nextUpload()?.snapshot.sealed == Payload.sealed(3))
    }

    @Test func aFailedCommitRemovesItsFileAndNeverReusesTheName() throws {
        for failing in 0..<3 {  // the header patch, the file fsync, the rename
            let fs = FaultInjectingFileSystem()
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            let store = try LocalSnapshotStore(LocalStoreConfiguration(
                snapshotDirectory: "/state/snapshots", catalogPath: scratch.sub("catalog.sqlite"), fileSystem: fs))
            try store.save(sealed: Payload.sealed(1), multiHash: Payload.multiHash(1), channelCount: 1)
            let draft = try store.stage(sealedAfterHeaderRoom: roomy(2))
            fs.inject(.fail(errno: ErrnoCode.io), atOperation: fs.operationCount + failing)
            #expect(throws: LocalStoreError.self) { try draft.commit(multiHash: Payload.multiHash(2), channelCount: 2) }
            #expect(try fs.listDirectory(at: "/state/snapshots").sorted() == [SnapshotFileFormat.fileName(for: 1)])
            #expect(store.latest?.sequence == 1)
            #expect(try store.save(sealed: Payload.sealed(3), multiHash: Payload.multiHash(3), channelCount: 3).sequence == 3)
        }
    }

    @Test func aPowerLossBetweenStagingAndCommitLeavesTheLastGoodCopy() throws {
        for policy in [CrashPolicy.onlySynced, CrashPolicy(data: .kept, names: .kept), CrashPolicy(data: .torn, names: .undone)] {
            let fs = FaultInjectingFileSystem()
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            let configuration = LocalStoreConfiguration(
                snapshotDirectory: "/state/snapshots", catalogPath: scratch.sub("catalog.sqlite"), fileSystem: fs)
            let store = try LocalSnapshotStore(configuration)
            let first = try store.save(sealed: Payload.sealed(1), multiHash: Payload.multiHash(1), channelCount: 1)
            let draft = try store.stage(sealedAfterHeaderRoom: roomy(2))
            fs.powerOff()
            #expect(throws: LocalStoreError.self) { try draft.commit(multiHash: Payload.multiHash(2), channelCount: 2) }
            fs.restartAfterPowerLoss(policy)
            let reopened = try LocalSnapshotStore(configuration)
            #expect(reopened.checkAcknowledged(sequence: 1, contentHash: first.contentHash) == .intact(newest: first))
            #expect(try fs.listDirectory(at: "/state/snapshots") == [SnapshotFileFormat.fileName(for: 1)])
        }
    }
}
