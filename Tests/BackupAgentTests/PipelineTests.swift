import BackupAgent
import BackupCore
import BlobStorage
import Foundation
import LocalStore
import Sodium
import Testing
import TestSupport

@Suite("Snapshot pipeline")
struct PipelineTests {
    @Test("A Multi is sealed under keys the words recompute, and opens to lnd's exact Multi")
    func sealsWhatRecoveryOpens() async throws {
        let h = try Harness()
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        let outcome = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .export)
        guard case .saved(let info) = outcome else { Issue.record("expected a saved snapshot, got \(outcome)"); return }
        #expect(info.channelCount == 1)
        let stored = try #require(h.store.snapshots.last)
        let opened = try h.openSealed(stored.sealed)
        #expect(opened.multi == (try h.lnd.currentMulti()))
        #expect(opened.counter == 1)
        // L5: the store gets a keyed tag of the channel set (recomputable from the words), never
        // the digest itself, and a rounded channel count.
        let digest = try MultiBackup.check(try h.lnd.currentMulti().encoded()).channelSetDigest
        #expect(info.multiHash == (try h.recoveryKeys().localTags.tag(channelSetDigest: digest)))
        #expect(info.multiHash != digest)
    }

    @Test("File headers get a rounded channel count; a sharp fall in channels is reported")
    func headersRoundTheCountAndDropsAreReported() async throws {
        let h = try Harness()
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        try h.lnd.setChannels(5)
        _ = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .export)
        #expect(h.store.snapshots.last?.info.channelCount == 8)
        #expect(h.runtime.status.current.channelCount == 5)
        try h.lnd.setChannels(4)
        _ = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .export)
        #expect(h.runtime.status.current.channelCountDrop == nil)
        try h.lnd.setChannels(1)
        guard case .saved(let info) = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .export) else {
            Issue.record("expected a saved snapshot"); return
        }
        let drop = try #require(h.runtime.status.current.channelCountDrop)
        #expect(drop.from == 4 && drop.to == 1 && drop.sequence == info.sequence)
        let report = StatusReport(h.runtime.status.current, settings: h.runtime.settings, now: Date())
        #expect(report.warnings.contains { $0.hasPrefix("snapshot #\(info.sequence) holds 1 channel(s), down from 4") })
        #expect(MetricsText.render(h.runtime.status.current, now: Date(), stalenessLimit: 3600)
            .contains("casa_backup_channel_count_drop_timestamp_seconds \(Int64(drop.at.timeIntervalSince1970))"))
    }

    @Test("An unchanged channel set is skipped even though lnd's ciphertext differs")
    func skipsUnchanged() async throws {
        let h = try Harness()
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        let first = try h.lnd.encryptedMulti()
        let second = try h.lnd.encryptedMulti()
        #expect(first != second)
        _ = try await h.runtime.pipeline.ingest(first, origin: .export)
        let outcome = try await h.runtime.pipeline.ingest(second, origin: .subscription)
        guard case .unchanged = outcome else { Issue.record("expected unchanged, got \(outcome)"); return }
        #expect(h.store.snapshots.count == 1)
        try h.lnd.setChannels(2)
        let third = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .subscription)
        guard case .saved(let info) = third else { Issue.record("expected saved, got \(third)"); return }
        #expect(info.channelCount == 2)
        #expect(try h.openSealed(h.store.snapshots[1].sealed, notOlderThan: 1).counter == 2)
    }

    @Test("A Multi that does not open with lnd's key is refused and the last good copy stays")
    func refusesUnreadable() async throws {
        let h = try Harness()
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        _ = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .export)
        var tampered = try h.lnd.encryptedMulti()
        tampered[tampered.count - 1] ^= 1
        let other = try FakeLNDNode()
        for bad in [tampered, Array("{\"error\":".utf8), [], try other.encryptedMulti()] {
            await #expect(throws: AgentError.self) { try await h.runtime.pipeline.ingest(bad, origin: .subscription) }
        }
        #expect(h.store.snapshots.count == 1)
        #expect(h.runtime.status.current.unreadableMultis == 4)
        #expect(try h.openSealed(h.store.snapshots[0].sealed).multi == (try h.lnd.currentMulti()))
    }

    @Test("Over the real local store the snapshot is sealed after the header room, written as is, and opens to lnd's Multi")
    func sealsIntoTheRealStore() async throws {
        let h = try Harness()
        let dir = try TemporaryDirectory()
        let store = try LocalSnapshotStore(LocalStoreConfiguration(
            snapshotDirectory: dir.path + "/snapshots", catalogPath: dir.path + "/catalog.sqlite", keepVersions: 3))
        let adapter = LocalStoreAdapter(store)
        #expect(adapter.headerRoom == SnapshotFileFormat.headerSize)
        let pipeline = SnapshotPipeline(store: adapter, pending: nil, status: AgentStatus(), notify: [])
        try await pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        guard case .saved(let info) = try await pipeline.ingest(h.lnd.encryptedMulti(), origin: .export) else {
            Issue.record("expected a saved snapshot"); return
        }
        let stored = try #require(try store.readLatest().snapshot)
        #expect(stored.metadata.contentHash == info.contentHash && stored.metadata.contentHash == SHA256.hash(stored.sealed))
        #expect(stored.metadata.channelCount == 1)
        #expect(try h.openSealed(stored.sealed).multi == (try h.lnd.currentMulti()))
        guard case .unchanged = try await pipeline.ingest(h.lnd.encryptedMulti(), origin: .subscription) else {
            Issue.record("expected the same channel set to be skipped"); return
        }
        var tampered = try h.lnd.encryptedMulti()
        tampered[30] ^= 1
        await #expect(throws: AgentError.self) { try await pipeline.ingest(tampered, origin: .subscription) }
        #expect(try store.readLatest().snapshot == stored)
        // The snapshots staged for the unchanged and the tampered Multi left no file and no gap.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/snapshots")
                == [SnapshotFileFormat.fileName(for: 1)])
        try h.lnd.setChannels(2)
        guard case .saved(let next) = try await pipeline.ingest(h.lnd.encryptedMulti(), origin: .subscription) else {
            Issue.record("expected the changed channel set to be saved"); return
        }
        #expect(next.sequence == 2 && next.channelCount == 2)
        #expect(try h.openSealed(try #require(try store.readLatest().snapshot).sealed, notOlderThan: 2).multi == (try h.lnd.currentMulti()))
    }

    @Test("Without keys lnd's file is kept locally and sealed once the keys arrive")
    func defersWithoutKeys() async throws {
        let h = try Harness()
        let file = try h.lnd.encryptedMulti()
        let outcome = try await h.runtime.pipeline.ingest(file, origin: .file)
        #expect(outcome == .deferred)
        #expect(h.store.snapshots.isEmpty)
        let keptPath = h.state.path + "/pending-channel.backup"
        #expect(FileManager.default.contents(atPath: keptPath).map { [UInt8]($0) } == file)
        let sealed = try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        guard case .saved = sealed else { Issue.record("expected the kept file to be sealed, got \(String(describing: sealed))"); return }
        #expect(!FileManager.default.fileExists(atPath: keptPath))
        #expect(try h.openSealed(h.store.snapshots[0].sealed).multi == (try h.lnd.currentMulti()))
    }

    @Test("Retention never removes a snapshot still waiting for the vault")
    func retentionKeepsQueued() async throws {
        let h = try Harness(keep: 1)
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        for channels in 1...4 {
            try h.lnd.setChannels(channels)
            _ = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .subscription)
        }
        #expect(try h.store.applyRetention() == 0)
        #expect(h.store.snapshots.count == 4)
    }
}
