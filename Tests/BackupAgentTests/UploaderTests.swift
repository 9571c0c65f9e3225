import BackupAgent
import BackupCore
import BlobStorage
import Foundation
import Logging
import Testing

@Suite("Uploader")
struct UploaderTests {
    /// Saves `count` snapshots with 1...count channels.
    func saveSnapshots(_ h: Harness, count: Int) async throws {
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        for channels in 1...count {
            try h.lnd.setChannels(channels)
            _ = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .subscription)
        }
        let keys = try #require(await h.runtime.pipeline.currentKeys)
        await h.runtime.uploader.setBlobName(keys.blob)
    }

    @Test("While the vault is down nothing is lost; when it returns the queue flushes in order")
    func flushesInOrderAfterOutage() async throws {
        let h = try Harness()
        h.vault.setReachable(false)
        try await saveSnapshots(h, count: 3)
        let retry = await h.runtime.uploader.drain()
        #expect(retry != nil)
        #expect(try h.store.pendingUploadCount() == 3)
        #expect(h.runtime.status.current.uploadFailures == 1)
        h.vault.setReachable(true)
        try await Task.sleep(for: .milliseconds(60))  // The store's backoff in this test is 50 ms.
        #expect(await h.runtime.uploader.drain() == nil)
        #expect(h.store.uploadedSequences == [1, 2, 3])
        let keys = try h.recoveryKeys()
        let name = keys.multiChannelBackupBlob
        let versions = try await h.vault.versions(of: name, after: nil, limit: 10)
        #expect(versions.map(\.version) == [1, 2, 3])
        // The newest state wins: the vault's latest version opens to lnd's latest Multi.
        let latest = try await h.vault.latest(name)
        let opened = try h.openSealed(latest.data, notOlderThan: 2)
        #expect(opened.multi == (try h.lnd.currentMulti()))
        #expect(h.runtime.status.current.lastUploadedSequence == 3)
    }

    @Test("A put whose reply was lost is not stored twice (snapshot hash is the idempotency key)")
    func idempotentAfterLostReply() async throws {
        let h = try Harness()
        try await saveSnapshots(h, count: 2)
        h.vault.loseNextReply()
        _ = await h.runtime.uploader.drain()
        try await Task.sleep(for: .milliseconds(60))
        #expect(await h.runtime.uploader.drain() == nil)
        let keys = try h.recoveryKeys()
        let versions = try await h.vault.versions(of: keys.multiChannelBackupBlob, after: nil, limit: 10)
        #expect(versions.count == 2)
        #expect(h.store.uploadedSequences == [1, 2])
    }

    @Test("The uploader service wakes on each saved snapshot, with no timer")
    func uploadsOnEachSave() async throws {
        let h = try Harness()
        let task = Task { await h.runtime.uploader.run() }
        defer { task.cancel() }
        try await saveSnapshots(h, count: 2)
        #expect(await h.store.waitUntil { $0.uploadedSequences == [1, 2] })
        try h.lnd.setChannels(5)
        _ = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .subscription)
        #expect(await h.store.waitUntil { $0.uploadedSequences == [1, 2, 3] })
    }
}
