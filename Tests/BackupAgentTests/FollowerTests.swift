import BackupAgent
import BackupCore
import Foundation
import Logging
import BlobStorage
import Secp256k1
import Testing
import LightningTypes
import TestSupport

@Suite("Following lnd")
struct FollowerTests {
    @Test("Waits for lnd to unlock, exports first, follows updates, and re-exports after a restart")
    func followsLnd() async throws {
        let h = try Harness()
        h.lnd.restart(into: .locked)
        let task = Task { await h.runtime.follower.run() }
        defer { task.cancel() }
        #expect(await eventually { h.runtime.status.current.lndState == "LOCKED" })
        #expect(h.lnd.exportCount == 0)
        #expect(h.store.snapshots.isEmpty)

        h.lnd.transition(to: .unlocked)
        h.lnd.transition(to: .serverActive)
        #expect(await eventually { h.store.snapshots.count == 1 && h.lnd.subscriptionCount == 1 })
        #expect(h.lnd.exportCount == 1)

        for channels in 2...4 {
            try h.lnd.setChannels(channels)
            #expect(await h.store.waitUntil { $0.snapshots.count == channels })
        }
        // A stream cut: lnd restarts with a changed channel set; the agent reconnects and exports.
        h.lnd.restart(into: .serverActive)
        try h.lnd.setChannels(7)
        #expect(await eventually { h.store.snapshots.last?.info.channelCount == 8 && h.runtime.status.current.channelCount == 7 })
        #expect(h.lnd.exportCount >= 2)
        #expect(try h.openSealed(#require(h.store.snapshots.last).sealed).multi == (try h.lnd.currentMulti()))

        // Garbage on the stream is refused; the stream goes on.
        h.lnd.push(Array("{\"result\":".utf8))
        try h.lnd.setChannels(8)
        #expect(await eventually { h.runtime.status.current.channelCount == 8 })
        #expect(h.runtime.status.current.unreadableMultis == 1)

        // lnd locks (restart into LOCKED): the keys are dropped.
        h.lnd.restart(into: .locked)
        #expect(await eventually { !h.runtime.status.current.keysAvailable && h.runtime.status.current.lndState == "LOCKED" })
        #expect(await h.runtime.pipeline.hasKeys == false)
    }

    @Test("Heartbeats are signed with the liveness key, and only while the keys are held")
    func heartbeatNeedsKeys() async throws {
        let h = try Harness()
        await h.runtime.heartbeat.beat()
        #expect(h.vault.heartbeatKeys.isEmpty)
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        await h.runtime.heartbeat.beat()
        #expect(h.vault.heartbeatKeys == [try h.recoveryKeys().liveness.publicKey])
        #expect(h.runtime.status.current.lastHeartbeatAt != nil)
    }
}

/// L7: lnd must still be the node this device was enrolled for.
@Suite("The enrolled node")
struct EnrolledNodeTests {
    @Test("lnd with another node's wallet gets no snapshot, and status says why and what to do")
    func anotherNodeIsRefused() async throws {
        let h = try Harness()
        let enrolled = EnrolledNode(stateDirectory: h.runtime.settings.stateDirectory)
        try enrolled.record(PrivateKey.generate().publicKey.compressed)
        let task = Task { await h.runtime.follower.run() }
        defer { task.cancel() }
        #expect(await eventually { h.runtime.status.current.differentNode != nil })
        let report = StatusReport(h.runtime.status.current, settings: h.runtime.settings, now: Date())
        #expect(report.warnings.first?.contains("casa-backupd enroll") == true)
        #expect(h.store.snapshots.isEmpty)
        #expect(h.lnd.exportCount == 0)
        #expect(await h.runtime.pipeline.hasKeys == false)
    }

    @Test("The enrolled node is backed up, and a device enrolled before the record gets one at its first start")
    func theEnrolledNodeIsRecordedAndAccepted() async throws {
        let h = try Harness()
        let enrolled = EnrolledNode(stateDirectory: h.runtime.settings.stateDirectory)
        #expect(try enrolled.recorded() == nil)
        let task = Task { await h.runtime.follower.run() }
        defer { task.cancel() }
        #expect(await h.store.waitUntil { $0.snapshots.count == 1 })
        #expect(try enrolled.recorded() == h.lnd.nodeKey.publicKey.compressed)
        #expect(h.runtime.status.current.differentNode == nil)
    }

    @Test("Without a recorded identity, a blob name remembered from earlier runs that differs means another node")
    func aDifferentRememberedBlobIsAnotherNode() throws {
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        let enrolled = EnrolledNode(stateDirectory: dir.path)
        let identity = try PrivateKey.generate().publicKey.compressed
        let earlier = try BlobName(String(repeating: "a", count: 64))
        let now = try BlobName(String(repeating: "b", count: 64))
        #expect(throws: AgentError.self) { try enrolled.confirm(identity: identity, blob: now, rememberedBlob: earlier) }
        #expect(try enrolled.recorded() == nil)
        try enrolled.confirm(identity: identity, blob: now, rememberedBlob: now)
        #expect(try enrolled.recorded() == identity)
    }
}
