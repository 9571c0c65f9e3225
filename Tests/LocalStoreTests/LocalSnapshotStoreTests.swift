import Foundation
import LocalStore
import Sodium
import Testing
import TestSupport

@Suite struct LocalSnapshotStoreTests {
    func configuration(_ dir: TemporaryDirectory, keep: Int = 3, secondary: String? = nil,
                       fileSystem: any FileSystem = POSIXFileSystem()) -> LocalStoreConfiguration {
        LocalStoreConfiguration(snapshotDirectory: dir.sub("state/snapshots"), catalogPath: dir.sub("state/catalog.sqlite"),
                                secondaryDirectory: secondary, keepVersions: keep, fileSystem: fileSystem)
    }

    @discardableResult
    func save(_ store: LocalSnapshotStore, _ index: Int) throws -> SnapshotMetadata {
        try store.save(sealed: Payload.sealed(index), multiHash: Payload.multiHash(index), channelCount: index)
    }

    @Test func savesReadsAndReopens() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir))
        #expect(try store.readLatest().snapshot == nil)
        let first = try save(store, 1)
        let second = try save(store, 2)
        #expect((first.sequence, second.sequence) == (1, 2))
        #expect(try store.readLatest().snapshot?.sealed == Payload.sealed(2))
        #expect(try store.read(sequence: 1).sealed == Payload.sealed(1))
        #expect(try FileManager.default.attributesOfItem(atPath: dir.sub("state/snapshots"))[.posixPermissions] as? Int == 0o700)

        // Saves reach the catalog at its next access (here the uploader's), off `save`'s critical path.
        #expect(try store.nextUpload()?.snapshot.metadata == first)

        let reopened = try LocalSnapshotStore(configuration(dir))
        #expect(reopened.latest == second)
        #expect(reopened.openingReport.reconciliation == CatalogReconciliation())
        #expect(try save(reopened, 3).sequence == 3)
        #expect(throws: LocalStoreError.self) { try reopened.read(sequence: 99) }
    }

    /// A snapshot sealed with room for the header is stored as the same file `save(sealed:)` writes.
    @Test func savesSealedBytesAfterHeaderRoomInPlace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir))
        let file = [UInt8](repeating: 0xaa, count: SnapshotFileFormat.headerSize) + Payload.sealed(1)
        let saved = try store.save(sealedAfterHeaderRoom: file, multiHash: Payload.multiHash(1), channelCount: 1)
        #expect(saved.contentHash == SHA256.hash(Payload.sealed(1)) && saved.size == Payload.sealed(1).count)
        // The room (0xaa here) is overwritten by the header on disk.
        #expect(try FileManager.default.contents(atPath: dir.sub("state/snapshots/" + SnapshotFileFormat.fileName(for: 1))).map(Array.init)
                == SnapshotFileFormat.encode(saved, sealed: Payload.sealed(1)))
        #expect(try store.readLatest().snapshot?.sealed == Payload.sealed(1))
        let empty = [UInt8](repeating: 0, count: SnapshotFileFormat.headerSize)
        #expect(throws: LocalStoreError.self) { try store.save(sealedAfterHeaderRoom: empty, multiHash: Payload.multiHash(2), channelCount: 1) }
    }

    @Test func rejectsBadInputWithClearErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir))
        #expect(throws: LocalStoreError.self) { try store.save(sealed: [], multiHash: Payload.multiHash(1), channelCount: 0) }
        #expect(throws: LocalStoreError.self) { try store.save(sealed: [1], multiHash: [1, 2], channelCount: 0) }
        #expect(throws: LocalStoreError.self) { try LocalSnapshotStore(configuration(dir, keep: 0)) }
        var relative = configuration(dir)
        relative.snapshotDirectory = "snapshots"
        do {
            _ = try LocalSnapshotStore(relative)
            Issue.record("a relative path must be refused")
        } catch {
            #expect(error.description.contains("absolute"))
        }
    }

    @Test func skipsAnUnchangedMulti() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir))
        #expect(try store.saveIfChanged(sealed: Payload.sealed(1), multiHash: Payload.multiHash(1), channelCount: 1) != nil)
        // lnd re-encrypted the same Multi: different sealed bytes, same plaintext hash.
        #expect(try store.saveIfChanged(sealed: Payload.sealed(2), multiHash: Payload.multiHash(1), channelCount: 1) == nil)
        #expect(try LocalSnapshotStore(configuration(dir)).saveIfChanged(sealed: Payload.sealed(3), multiHash: Payload.multiHash(1), channelCount: 1) == nil)
        #expect(try store.saveIfChanged(sealed: Payload.sealed(4), multiHash: Payload.multiHash(4), channelCount: 1)?.sequence == 2)
    }

    @Test func anAcknowledgedSaveNotYetInTheCatalogIsQueuedAfterACrash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir))
        let saved = try save(store, 1)
        // The process dies before anything touched the catalog: a second store opens the same files.
        let afterCrash = try LocalSnapshotStore(configuration(dir))
        #expect(afterCrash.openingReport.reconciliation.added == [1])
        #expect(try afterCrash.nextUpload()?.snapshot.metadata == saved)
        // The first store's own catalog access records it too, without queueing it twice.
        #expect(try store.status().pendingUploads == 1)
    }

    @Test func retentionKeepsTheNewestIntactVersions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir, keep: 2))
        for index in 1...5 { try save(store, index) }
        let report = try store.applyRetention()
        #expect(report.kept == [5, 4] && report.removed == [3, 2, 1])
        #expect(try store.primary.sequences() == [4, 5])
        #expect(try store.catalog.snapshots().map(\.state) == [.pruned, .pruned, .pruned, .stored, .stored])
    }

    @Test func aCorruptNewestVersionIsNeverServedNorCountedAsGood() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir, keep: 1))
        for index in 1...3 { try save(store, index) }
        // Bit rot in the newest file.
        let newest = store.primary.filePath(for: 3)
        var bytes = try POSIXFileSystem().readFile(at: newest)
        bytes[bytes.count - 1] ^= 0x40
        try POSIXFileSystem().writeFileDurably(at: newest, bytes: bytes)

        let read = try store.readLatest()
        #expect(read.snapshot?.metadata.sequence == 2)
        #expect(read.corruptions.map(\.reason) == [.contentHashMismatch])
        // keep = 1: the one kept must be the intact #2, never the damaged #3 alone.
        let report = try store.applyRetention()
        #expect(report.kept == [2] && report.removed == [1] && report.corruptions.count == 1)
        #expect(try store.readLatest().snapshot?.sealed == Payload.sealed(2))

        let reopened = try LocalSnapshotStore(configuration(dir, keep: 1))
        #expect(reopened.openingReport.corruptions.count == 1)
        #expect(reopened.openingReport.reconciliation.corrupt == [3])
        #expect(try save(reopened, 4).sequence == 4)  // the damaged name is never reused
    }

    @Test func catalogIsRebuiltFromTheFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir))
        for index in 1...3 { try save(store, index) }
        let stale = dir.sub("stale.sqlite")
        try store.catalog.copy(to: stale)  // knows 1...3
        try save(store, 4)

        // A catalog that lost its last commit (synchronous=NORMAL after power loss).
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir.sub("state/catalog.sqlite") + suffix) }
        try FileManager.default.copyItem(atPath: stale, toPath: dir.sub("state/catalog.sqlite"))
        let fromStale = try LocalSnapshotStore(configuration(dir))
        #expect(fromStale.openingReport.reconciliation.added == [4])
        #expect(try fromStale.catalog.pendingUploadCount() == 4)

        // No catalog at all.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir.sub("state/catalog.sqlite") + suffix) }
        let rebuilt = try LocalSnapshotStore(configuration(dir))
        #expect(rebuilt.openingReport.reconciliation.added == [1, 2, 3, 4])
        #expect(try save(rebuilt, 5).sequence == 5)

        // A catalog file SQLite cannot read is moved aside.
        try POSIXFileSystem().writeFileDurably(at: dir.sub("state/catalog.sqlite"), bytes: Array(repeating: 0x5a, count: 4096))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir.sub("state/catalog.sqlite") + suffix) }
        let recovered = try LocalSnapshotStore(configuration(dir))
        #expect(recovered.openingReport.reconciliation.added == [1, 2, 3, 4, 5])
    }

    @Test func uploadQueueServesVerifiedSnapshotsInOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir, keep: 2))
        for index in 1...3 { try save(store, index) }
        let now = Date()
        let job = try #require(try store.nextUpload())
        #expect(job.snapshot.sealed == Payload.sealed(1) && job.isDue(at: now))
        let retry = try store.markUploadFailed(job, error: "connection refused", at: now)
        #expect(try store.nextUpload()?.isDue(at: now) == false)
        #expect(try store.nextUpload()?.isDue(at: retry) == true)
        try store.markUploaded(job, at: retry)
        // Retention drops #1 (uploaded) and supersedes nothing else: keep 2 of 3.
        try store.applyRetention()
        try save(store, 4)
        try store.applyRetention()  // #2 pruned before it was uploaded: superseded
        var uploaded = [UInt64]()
        while let next = try store.nextUpload(), uploaded.count < 10 {
            uploaded.append(next.snapshot.metadata.sequence)
            try store.markUploaded(next)
        }
        #expect(uploaded == [3, 4])
        let status = try store.status()
        #expect(status.pendingUploads == 0 && status.latest?.sequence == 4)
        #expect(status.destinations.first { $0.destination == .vault }?.lastSuccessSequence == 4)
    }

    @Test func aDamagedQueuedFileIsSkippedNotServed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir))
        for index in 1...2 { try save(store, index) }
        try POSIXFileSystem().writeFileDurably(at: store.primary.filePath(for: 1), bytes: [1, 2, 3])
        #expect(try store.nextUpload()?.snapshot.metadata.sequence == 2)
    }

    @Test func secondaryCopyIsWrittenAndItsFailureNeverBlocksThePrimary() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir, keep: 2, secondary: dir.sub("usb/casa")))
        #expect(store.mirrorToSecondary() == .nothingToMirror)
        for index in 1...3 {
            try save(store, index)
            #expect(store.mirrorToSecondary() == .mirrored(UInt64(index)))
        }
        #expect(try store.secondary?.sequences() == [2, 3])
        #expect(try store.secondary?.read(sequence: 3).sealed == Payload.sealed(3))

        // The stick is pulled: its mount point is now a plain file.
        try FileManager.default.removeItem(atPath: dir.sub("usb"))
        try POSIXFileSystem().writeFile(at: dir.sub("usb"), bytes: [0])
        try save(store, 4)
        guard case .failed(let message) = store.mirrorToSecondary() else {
            Issue.record("mirroring to a missing stick must fail")
            return
        }
        #expect(message.contains("usb"))
        #expect(try store.readLatest().snapshot?.metadata.sequence == 4)
        let reopened = try LocalSnapshotStore(configuration(dir, keep: 2, secondary: dir.sub("usb/casa")))
        #expect(reopened.openingReport.secondaryError != nil)
        #expect(try save(reopened, 5).sequence == 5)
        let secondary = try #require(try reopened.status().destinations.first { $0.destination == .secondary })
        #expect(secondary.lastSuccessSequence == 3 && secondary.lastError != nil)
    }

    /// Issue 14: a new box (or a lost state folder) with the old box's USB stick. Before, the new
    /// store started at sequence 1 and every mirrored snapshot was pruned at once for the stick's
    /// higher sequences: the stick never held the new box's snapshots.
    @Test func aStickWithAnotherBoxsHigherSequencesKeepsOurNewest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let old = try TemporaryDirectory("oldbox")
        defer { old.remove() }
        let oldBox = try LocalSnapshotStore(configuration(old, keep: 2, secondary: dir.sub("usb")))
        for index in 1...5 { try save(oldBox, index); _ = oldBox.mirrorToSecondary() }
        #expect(try oldBox.secondary?.sequences() == [4, 5])

        // The stick is plugged in before the new box's store opens: its sequences continue above.
        let store = try LocalSnapshotStore(configuration(dir, keep: 2, secondary: dir.sub("usb")))
        #expect(try save(store, 6).sequence == 6)
        #expect(store.mirrorToSecondary() == .mirrored(6))
        #expect(try store.secondary?.sequences() == [5, 6])

    }

    @Test func aStickPluggedInLaterNeverPrunesOurNewestAndTheNextGoAbove() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir, keep: 2, secondary: dir.sub("usb")))
        // Meanwhile the old box's files land on the stick (sequences 1...5, the newest 2 kept).
        let old = try TemporaryDirectory("oldbox")
        defer { old.remove() }
        let oldBox = try LocalSnapshotStore(configuration(old, keep: 2, secondary: dir.sub("usb")))
        for index in 1...5 { try save(oldBox, index); _ = oldBox.mirrorToSecondary() }
        #expect(try save(store, 6).sequence == 1)
        #expect(store.mirrorToSecondary() == .mirrored(1))
        #expect(try store.secondary?.sequences() == [1, 4, 5])
        #expect(try store.secondary?.read(sequence: 1).sealed == Payload.sealed(6))
        #expect(try save(store, 7).sequence == 6)
        #expect(store.mirrorToSecondary() == .mirrored(6))
        #expect(try store.secondary?.sequences() == [5, 6])
    }

    @Test func readsFallBackToTheSecondaryCopy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try LocalSnapshotStore(configuration(dir, keep: 2, secondary: dir.sub("usb")))
        try save(store, 1)
        #expect(store.mirrorToSecondary() == .mirrored(1))
        try POSIXFileSystem().writeFileDurably(at: store.primary.filePath(for: 1), bytes: [0])
        let read = try store.readLatest()
        #expect(read.snapshot?.sealed == Payload.sealed(1))
        #expect(read.corruptions.count == 1)
    }
}
