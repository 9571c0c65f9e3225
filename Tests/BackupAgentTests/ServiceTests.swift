import BackupAgent
import BackupCore
import Foundation
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing
import TestSupport

@Suite("Services and control endpoint")
struct ServiceTests {
    @Test("All services run in one group; metrics, status and checkpoint answer on loopback; graceful shutdown returns")
    func testGracefulShutdown() async throws {
        let h = try Harness(controlPort: 0)
        let port = try #require(h.runtime.control?.port)
        let group = h.runtime.serviceGroup(handleSignals: false)
        // The group runs as a service would in a parent group: the TestKit's trigger is the
        // parent's graceful shutdown, and run() must return once the services have finished.
        try await ServiceLifecycleTestKit.testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { running in
                running.addTask { try await group.run() }

                #expect(await h.store.waitUntil { $0.uploadedSequences == [1] })
                let checkpoint = try await offPool { try ControlClient.request("POST", "/checkpoint?timeout=30", port: port, timeoutSeconds: 60) }
                #expect(checkpoint.status == 200)
                #expect(checkpoint.body.contains("#1 acknowledged"))

                try h.lnd.setChannels(3)
                #expect(await h.store.waitUntil { $0.uploadedSequences == [1, 2] })

                let metrics = try await offPool { try ControlClient.request("GET", "/metrics", port: port, timeoutSeconds: 60) }
                #expect(metrics.status == 200)
                #expect(metrics.body.contains("casa_backup_snapshots_total 2\n"))
                #expect(metrics.body.contains("casa_backup_queue_depth 0\n"))
                #expect(metrics.body.contains("casa_backup_channels 3\n"))
                #expect(metrics.body.contains("casa_backup_stale 0\n"))

                let status = try await offPool { try ControlClient.request("GET", "/status", port: port, timeoutSeconds: 60) }
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let report = try decoder.decode(StatusReport.self, from: Data(status.body.utf8))
                #expect(report.lastSnapshotSequence == 2)
                #expect(report.lastUploadedSequence == 2)
                #expect(report.channelCount == 3)
                #expect(report.queueDepth == 0)
                #expect(report.warnings.isEmpty)

                trigger.triggerGracefulShutdown()
                try await running.waitForAll()
            }
        }
    }

    @Test("checkpoint fails (non-zero) when the vault does not acknowledge")
    func checkpointFailsWithoutVault() async throws {
        let h = try Harness(controlPort: 0)
        h.vault.setReachable(false)
        let group = h.runtime.serviceGroup(handleSignals: false)
        let running = Task { try await group.run() }
        #expect(await h.store.waitUntil { $0.snapshots.count == 1 })
        await #expect(throws: AgentError.self) { try await h.runtime.checkpoint(timeout: .milliseconds(300)) }
        #expect(try h.store.pendingUploadCount() == 1)
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
