import Foundation
import LocalStore
import Testing
import TestSupport

@Suite struct SnapshotCatalogTests {
    func metadata(_ sequence: UInt64) -> SnapshotMetadata {
        SnapshotMetadata(sequence: sequence, createdAtMilliseconds: 1_000 * Int64(sequence), channelCount: Int(sequence),
                         multiHash: Payload.multiHash(Int(sequence)), contentHash: Payload.multiHash(1000 + Int(sequence)), size: 10)
    }

    @Test func migratesAnEmptyDatabaseInOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let catalog = try SnapshotCatalog(path: dir.sub("c.sqlite"))
        #expect(try catalog.appliedMigrations() == ["2026-11-25 snapshots", "2026-11-25 upload queue", "2026-11-25 destinations"])
        #expect(try catalog.snapshots().isEmpty)
        #expect(try catalog.nextPendingUpload() == nil)
        // Reopening applies nothing twice.
        #expect(try SnapshotCatalog(path: dir.sub("c.sqlite")).appliedMigrations().count == 3)
        #expect(try FileManager.default.attributesOfItem(atPath: dir.sub("c.sqlite"))[.posixPermissions] as? Int == 0o600)
    }

    @Test func uploadQueueFlushesInOrderAndOncePerVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let catalog = try SnapshotCatalog(path: dir.sub("c.sqlite"))
        for sequence in 1...3 { try catalog.recordStored(metadata(UInt64(sequence)), enqueue: true) }
        try catalog.recordStored(metadata(2), enqueue: true)  // same content again: still one entry
        #expect(try catalog.pendingUploadCount() == 3)
        let now = Date(timeIntervalSince1970: 10_000)
        let head = try #require(try catalog.nextPendingUpload())
        #expect(head.sequence == 1)
        let retry = try catalog.markUploadFailed(contentHash: head.contentHash, error: "vault unreachable", at: now,
                                                 backoff: UploadBackoff(initial: 5, maximum: 60))
        #expect(retry == now.addingTimeInterval(5))
        let again = try #require(try catalog.nextPendingUpload())
        #expect(again.sequence == 1)  // the head blocks the queue: in order
        #expect(again.attempts == 1 && again.lastError == "vault unreachable" && again.notBefore == retry)
        try catalog.markUploaded(contentHash: head.contentHash, at: now)
        #expect(try catalog.nextPendingUpload()?.sequence == 2)
        #expect(try catalog.uploadState(contentHash: head.contentHash) == .uploaded)
        try catalog.recordStored(metadata(1), enqueue: true)  // re-recording never re-queues
        #expect(try catalog.uploadState(contentHash: head.contentHash) == .uploaded)
        #expect(try catalog.pendingUploadCount() == 2)
        let vault = try #require(try catalog.destinationStatuses().first { $0.destination == .vault })
        #expect(vault.lastSuccessSequence == 1 && vault.lastError == "vault unreachable")
    }

    @Test func backoffGrowsAndIsCapped() {
        let backoff = UploadBackoff(initial: 5, maximum: 60)
        #expect((0...6).map { backoff.delay(afterAttempts: $0) } == [0, 5, 10, 20, 40, 60, 60])
        #expect(backoff.delay(afterAttempts: 10_000) == 60)
    }

    @Test func pruningSupersedesPendingUploads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let catalog = try SnapshotCatalog(path: dir.sub("c.sqlite"))
        for sequence in 1...3 { try catalog.recordStored(metadata(UInt64(sequence)), enqueue: true) }
        try catalog.markPruned([1, 2])
        #expect(try catalog.nextPendingUpload()?.sequence == 3)
        #expect(try catalog.uploadState(contentHash: metadata(1).contentHash) == .superseded)
        #expect(try catalog.snapshots().map(\.state) == [.pruned, .pruned, .stored])
        #expect(try catalog.highestSequence() == 3)
    }

    @Test func reconcileTrustsTheFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let catalog = try SnapshotCatalog(path: dir.sub("c.sqlite"))
        try catalog.recordStored(metadata(1), enqueue: true)
        try catalog.recordStored(metadata(2), enqueue: true)
        var scan = DirectoryScan()
        scan.intact = [metadata(2), metadata(3)]
        scan.corrupt = [SnapshotCorruption(path: "x", sequence: 1, reason: .contentHashMismatch)]
        let result = try catalog.reconcile(with: scan)
        #expect(result == CatalogReconciliation(added: [3], missing: [], corrupt: [1]))
        #expect(try catalog.snapshots().map(\.state) == [.corrupt, .stored, .stored])
        #expect(try catalog.nextPendingUpload()?.sequence == 2)
        #expect(try catalog.reconcile(with: scan) == CatalogReconciliation())  // idempotent
        scan.intact = [metadata(3)]
        scan.corrupt = []
        #expect(try catalog.reconcile(with: scan).missing == [2])
    }

    @Test func destinationsKeepTheirLastSuccessAndFailure() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let catalog = try SnapshotCatalog(path: dir.sub("c.sqlite"))
        let t = Date(timeIntervalSince1970: 1_700_000_000)
        try catalog.recordSuccess(.secondary, sequence: 4, at: t)
        try catalog.recordFailure(.secondary, error: "stick removed", at: t.addingTimeInterval(1))
        try catalog.recordSuccess(.secondary, sequence: 3, at: t.addingTimeInterval(2))  // an older one never lowers it
        let status = try #require(try catalog.destinationStatuses().first)
        #expect(status.destination == .secondary)
        #expect(status.lastSuccessSequence == 4)
        #expect(status.lastSuccessAt == t.addingTimeInterval(2))
        #expect(status.lastFailureAt == t.addingTimeInterval(1) && status.lastError == "stick removed")
    }

    @Test func copyIsAUsableCatalog() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let catalog = try SnapshotCatalog(path: dir.sub("c.sqlite"))
        try catalog.recordStored(metadata(1), enqueue: true)
        try catalog.copy(to: dir.sub("copy.sqlite"))
        #expect(try SnapshotCatalog(path: dir.sub("copy.sqlite")).snapshots().map(\.metadata) == [metadata(1)])
    }
}
