import BackupAgent
import BackupCore
import Foundation
import LocalStore
import Sodium
import Testing
import TestSupport

/// Issue 5 "Performance", the whole event → durable path of the agent: lnd's Multi arrives,
/// is opened with lnd's key, parsed, hashed, compared with the newest snapshot, sealed in our
/// envelope and saved durably. Against the floor (write + fsync + rename + directory fsync of
/// the same file bytes), with each phase timed alone. A measurement, not a test of timing:
/// it runs only when CASA_LOCAL_STORE_BENCH is set (benchmarks/local-store-bench) and asserts
/// only that every ingest saved a snapshot.
@Suite struct PipelineBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH"] != nil
    static let rounds = Int(ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH_ROUNDS"] ?? "") ?? 200

    @Test(.enabled(if: enabled)) func eventToDurableCopyPhases() async throws {
        let base = ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH_DIR"] ?? FileManager.default.temporaryDirectory.path
        for channels in [1, 100, 1000] {
            let dir = base + "/casa-pipeline-bench-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let lnd = try FakeLND()
            let account = AccountID(ownerPublicKey: Array(repeating: 7, count: 32))
            let keys = try await AgentKeys.derive(from: lnd, account: account)
            let store = try LocalSnapshotStore(LocalStoreConfiguration(
                snapshotDirectory: dir + "/store/snapshots", catalogPath: dir + "/store/catalog.sqlite",
                keepVersions: 10))
            let pipeline = SnapshotPipeline(store: LocalStoreAdapter(store), pending: nil, status: AgentStatus(), notify: [])
            try await pipeline.install(keys)
            // Two channel sets that alternate, so every event is a change that must be saved.
            try lnd.setChannels(channels)
            let many = try lnd.encryptedMulti()
            try lnd.setChannels(channels - 1)
            let fewer = try lnd.encryptedMulti()
            let fs = POSIXFileSystem()
            try fs.createDirectory(at: dir + "/floor", mode: 0o700)

            var phases = PhaseTimings()
            var fileSize = 0
            for round in 0..<Self.rounds {
                let event = round % 2 == 0 ? many : fewer
                // The phases alone, on the same input (nothing stored).
                let plaintext = try phases.time("open lnd's Multi") { try LNDBackupCrypto.decrypt(blob: event, key: keys.lndSCBKey) }
                _ = try phases.time("check") { try MultiBackup.channelCount(checking: plaintext) }
                _ = phases.time("hash the Multi") { SHA256.hash(plaintext) }
                let payload = EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 0, bytes: event)
                let sealed = try phases.time("seal") {
                    try Envelope.seal(payload, counter: UInt64(round + 1), account: keys.account, blob: keys.blob, key: keys.backup.envelope)
                }
                _ = phases.time("hash the sealed bytes") { SHA256.hash(sealed) }
                fileSize = sealed.count + SnapshotFileFormat.headerSize
                let file = [UInt8](repeating: UInt8(truncatingIfNeeded: round), count: fileSize)
                // The whole path and the floor, alternating which goes first.
                let floor = {
                    try phases.time("floor") {
                        try fs.writeFileDurably(at: dir + "/floor/f.tmp", bytes: file)
                        try fs.rename(from: dir + "/floor/f.tmp", to: dir + "/floor/f-\(round)")
                        try fs.syncDirectory(at: dir + "/floor")
                    }
                }
                if round % 2 == 0 { try floor() }
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome = try await pipeline.ingest(event, origin: .subscription)
                phases.record("event → durable", seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                if round % 2 == 1 { try floor() }
                guard case .saved = outcome else { Issue.record("round \(round): expected a saved snapshot, got \(outcome)"); return }
                if round % 10 == 9 {  // off the clock, like the uploader and retention
                    _ = try store.nextUpload()
                    try store.applyRetention()
                    for old in stride(from: round - 19, through: round - 10, by: 1) where old >= 0 {
                        try fs.removeFile(at: dir + "/floor/f-\(old)")
                    }
                }
            }
            let floor = phases.median("floor")
            let whole = phases.median("event → durable")
            let detail = ["open lnd's Multi", "check", "hash the Multi", "seal", "hash the sealed bytes"]
                .map { String(format: "%@ %.3f", $0, phases.median($0) * 1000) }.joined(separator: ", ")
            print(String(format: "pipeline bench: %4d channels, %7d-byte file: floor median %.3f ms, event → durable median %.3f ms, ratio %.2f×; phases alone (ms): %@; %d rounds",
                         channels, fileSize, floor * 1000, whole * 1000, whole / floor, detail, Self.rounds))
        }
    }
}
