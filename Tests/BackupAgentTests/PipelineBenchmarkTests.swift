import BackupAgent
import BackupCore
import Foundation
import LocalStore
import Sodium
import Testing

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

            var phases: [String: [Double]] = [:]
            var fileSize = 0
            for round in 0..<Self.rounds {
                let event = round % 2 == 0 ? many : fewer
                // The phases alone, on the same input (nothing stored).
                let plaintext = try Self.time("open lnd's Multi", &phases) { try LNDBackupCrypto.decrypt(blob: event, key: keys.lndSCBKey) }
                _ = try Self.time("parse", &phases) { try MultiBackup(decoding: plaintext) }
                _ = Self.time("hash the Multi", &phases) { SHA256.hash(plaintext) }
                let payload = EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 0, bytes: event)
                let sealed = try Self.time("seal", &phases) {
                    try Envelope.seal(payload, counter: UInt64(round + 1), account: keys.account, blob: keys.blob, key: keys.backup.envelope)
                }
                _ = Self.time("hash the sealed bytes", &phases) { SHA256.hash(sealed) }
                fileSize = sealed.count + SnapshotFileFormat.headerSize
                let file = [UInt8](repeating: UInt8(truncatingIfNeeded: round), count: fileSize)
                // The whole path and the floor, alternating which goes first.
                let floor = {
                    try Self.time("floor", &phases) {
                        try fs.writeFileDurably(at: dir + "/floor/f.tmp", bytes: file)
                        try fs.rename(from: dir + "/floor/f.tmp", to: dir + "/floor/f-\(round)")
                        try fs.syncDirectory(at: dir + "/floor")
                    }
                }
                if round % 2 == 0 { try floor() }
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome = try await pipeline.ingest(event, origin: .subscription)
                phases["event → durable", default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
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
            let floor = Self.median(phases["floor"] ?? [])
            let whole = Self.median(phases["event → durable"] ?? [])
            let detail = ["open lnd's Multi", "parse", "hash the Multi", "seal", "hash the sealed bytes"]
                .map { String(format: "%@ %.3f", $0, Self.median(phases[$0] ?? []) * 1000) }.joined(separator: ", ")
            print(String(format: "pipeline bench: %4d channels, %7d-byte file: floor median %.3f ms, event → durable median %.3f ms, ratio %.2f×; phases alone (ms): %@; %d rounds",
                         channels, fileSize, floor * 1000, whole * 1000, whole / floor, detail, Self.rounds))
        }
    }

    static func time<T>(_ phase: String, _ phases: inout [String: [Double]], _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        phases[phase, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        return result
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }
}
