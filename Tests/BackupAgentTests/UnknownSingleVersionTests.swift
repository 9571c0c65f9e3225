import BackupAgent
import BackupCore
import Foundation
import ServiceLifecycle
import Testing
import TestSupport

/// H2: a Single version newer than casa knows never stops backups, and says so loudly; the
/// staleness alarm fires whenever nothing could be saved.
@Suite("Unknown Single versions and staleness")
struct UnknownSingleVersionTests {
    /// Fixture channel `index` as a newer lnd would write it: the same body under version 8.
    static func versionEight(_ index: Int) throws -> UnknownSingle {
        var bytes = try AgentFixtures.single(index).encoded()
        bytes[0] = 8 | (bytes[0] & 0x80)
        return try UnknownSingle(encoded: bytes)
    }

    @Test("A Multi holding a version-8 Single is stored and uploaded as lnd wrote it; status, metrics and warnings say so")
    func storesAndReports() async throws {
        let h = try Harness(controlPort: 0)
        let port = try #require(h.runtime.control?.port)
        let group = h.runtime.serviceGroup(handleSignals: false)
        let running = Task { try await group.run() }
        #expect(await h.store.waitUntil { $0.uploadedSequences == [1] })

        let unknown = try Self.versionEight(7)
        try h.lnd.setUnknownSingles([unknown])
        #expect(await h.store.waitUntil { $0.uploadedSequences == [1, 2] })
        let stored = try h.openSealed(h.store.snapshots[1].sealed, notOlderThan: 2).multi
        #expect(stored.unknownSingles == [unknown])
        #expect(try stored.encoded() == (try h.lnd.currentMulti().encoded()))

        let expected = "1 channel uses a channel type this casa does not know (Single v8): lnd's backup is stored and uploaded "
            + "as lnd wrote it and restores with this lnd, but casa cannot check those channels; update casa"
        #expect(UnknownChannelTypes.warning([8]) == expected)
        let metrics = try await offPool { try ControlClient.request("GET", "/metrics", port: port, timeoutSeconds: 60) }
        #expect(metrics.body.contains("casa_backup_unknown_version_channels 1\n"))
        #expect(metrics.body.contains("casa_backup_channels 2\n"))
        #expect(metrics.body.contains("casa_backup_unreadable_total 0\n"))
        let report = StatusReport(h.runtime.status.current, settings: h.runtime.settings)
        #expect(report.warnings == [expected])
        #expect(report.channelCount == 2)

        try h.lnd.setUnknownSingles([])
        #expect(await h.store.waitUntil { $0.uploadedSequences == [1, 2, 3] })
        #expect(h.runtime.status.current.unknownSingleVersions == [])
        await group.triggerGracefulShutdown()
        try await running.value
    }

    @Test("An agent that gets nothing from lnd is stale once the limit has passed since its start")
    func staleWithoutLND() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let status = AgentStatus(startedAt: start)
        #expect(!MetricsText.isStale(status.current, now: start.addingTimeInterval(3600), limit: 3600))
        #expect(MetricsText.isStale(status.current, now: start.addingTimeInterval(3601), limit: 3600))
        status.update { $0.lastLNDBackupAt = start.addingTimeInterval(10) }
        #expect(!MetricsText.isStale(status.current, now: start.addingTimeInterval(7200), limit: 3600))
    }

    @Test("Multis that cannot be stored start the staleness clock once, and the alarm fires after the limit")
    func unreadableStartsTheClock() async throws {
        let h = try Harness()
        let clock = ManualClock(Date(timeIntervalSince1970: 2_000_000))
        let status = AgentStatus(startedAt: clock.now)
        let pipeline = SnapshotPipeline(store: MemorySnapshotStore(), pending: nil, status: status, notify: [], clock: { clock.now })
        try await pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        _ = try await pipeline.ingest(h.lnd.encryptedMulti(), origin: .export)
        status.uploaded(sequence: 1, at: clock.now)
        let first = clock.advance(by: 60)
        var garbage = try h.lnd.encryptedMulti()
        garbage[garbage.count - 1] ^= 1
        await #expect(throws: AgentError.self) { try await pipeline.ingest(garbage, origin: .file) }
        clock.advance(by: 60)
        await #expect(throws: AgentError.self) { try await pipeline.ingest(garbage, origin: .file) }
        #expect(status.current.lastChannelChangeAt == first)
        #expect(!MetricsText.isStale(status.current, now: first.addingTimeInterval(3600), limit: 3600))
        #expect(MetricsText.isStale(status.current, now: first.addingTimeInterval(3601), limit: 3600))
    }
}

/// A settable clock for the pipeline.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    @discardableResult
    func advance(by seconds: TimeInterval) -> Date {
        lock.withLock { current = current.addingTimeInterval(seconds); return current }
    }
}
