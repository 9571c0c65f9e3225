// Issue 5 "Performance": event → durable local copy, against the floor of writing the same bytes
// with write + fsync + rename + directory fsync, for 1, 100 and 1,000 channels, in one run.
// Build it in release (what ships): benchmarks/event-to-durable.sh. A measurement tool, not a
// test: it prints medians and ratios and fails only if a snapshot was not stored.
//
// Per channel count and round, in an order that rotates so drift and caches hit all alike:
// - floor: a new file of the snapshot file's size, written durably and renamed, directory fsynced;
// - store: LocalSnapshotStore.save of an already sealed snapshot (the store alone);
// - whole: SnapshotPipeline.ingest of lnd's encrypted Multi (open with lnd's key, check, hash,
//   compare with the newest snapshot, seal in our envelope, save), the agent's real code path.
// Every 10 rounds, off the clock, the uploader's queue read and retention run as in the agent.
// The CPU phases of the whole path are also timed alone, to say where the time goes.
//
//   EventToDurableBenchmark [--dir DIR] [--rounds N] [--channels 1,100,1000] [--passes K]
// With several passes, the channel counts alternate pass after pass and the summary gives the
// median of each figure (and of each ratio) over the passes.
import BackupAgent
import BackupCore
import Dispatch
import Foundation
import LocalStore
import Sodium
import TestSupport
import BlobStorage

struct Options {
    var directory = FileManager.default.temporaryDirectory.path
    var rounds = 200
    var channels = [1, 100, 1000]
    var passes = 1

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
            switch flag {
            case "--dir": directory = value
            case "--rounds": rounds = try Self.positive(value, flag)
            case "--passes": passes = try Self.positive(value, flag)
            case "--channels": channels = try value.split(separator: ",").map { try Self.positive(String($0), flag) }
            default: throw BenchError("unknown option \(flag); usage: [--dir DIR] [--rounds N] [--channels 1,100,1000] [--passes K]")
            }
        }
    }

    static func positive(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw BenchError("\(flag) wants a positive number, got \(text)") }
        return value
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// lnd's real anchors Single with close-tx inputs (vector A, 673 bytes), repeated: two Multis of
/// `count` channels that differ in the last channel's capacity, so every event must be stored.
func lndMultis(count: Int, key: SecureBytes, template: SingleBackup) throws -> [[UInt8]] {
    var singles = Array(repeating: template, count: count)
    let first = try LNDBackupCrypto.seal(MultiBackup(singles: singles), key: key)
    singles[count - 1].capacity += 1
    return [first, try LNDBackupCrypto.seal(MultiBackup(singles: singles), key: key)]
}

/// One measurement of one channel count: medians in milliseconds, ratios to the floor.
struct Figures {
    static let phases = ["open", "check", "hash Multi", "seal", "hash sealed", "open ‖ seal", "actor round trip"]
    let channels: Int
    let fileBytes: Int
    /// Median milliseconds of "floor", "store", "whole" and each of `phases`.
    let ms: [String: Double]

    init(channels: Int, fileBytes: Int, ms: [String: Double]) {
        self.channels = channels
        self.fileBytes = fileBytes
        self.ms = ms
    }

    init(channels: Int, fileBytes: Int, timings: PhaseSamples) {
        var ms: [String: Double] = ["store/floor": timings.median("store") / timings.median("floor"),
                                    "whole/floor": timings.median("whole") / timings.median("floor")]
        for name in ["floor", "store", "whole"] + Self.phases { ms[name] = timings.median(name) * 1000 }
        self.init(channels: channels, fileBytes: fileBytes, ms: ms)
    }

    /// The median of each figure over several passes (ratios too: the median of the ratios).
    init(medianOf passes: [Figures]) {
        var ms: [String: Double] = [:]
        for key in passes.first?.ms.keys.map({ $0 }) ?? [] {
            let sorted = passes.compactMap { $0.ms[key] }.sorted()
            ms[key] = sorted[(sorted.count - 1) / 2]
        }
        self.init(channels: passes.first?.channels ?? 0, fileBytes: passes.first?.fileBytes ?? 0, ms: ms)
    }

    func value(_ key: String) -> Double { ms[key] ?? 0 }

    var line: String {
        String(format: "%4d channels, %8d-byte file: floor %.3f ms, store %.3f ms (%.2f×), whole path %.3f ms (%.2f×); alone: %@ ms",
               channels, fileBytes, value("floor"), value("store"), value("store/floor"), value("whole"), value("whole/floor"),
               Self.phases.map { String(format: "%@ %.3f", $0, value($0)) }.joined(separator: ", "))
    }

    static let header = "| channels | file bytes | floor | store | store/floor | whole path | whole/floor | "
        + phases.joined(separator: " | ") + " |\n|" + String(repeating: "---:|", count: 7 + phases.count)

    var row: String {
        String(format: "| %d | %d | %.3f ms | %.3f ms | %.2f× | %.3f ms | %.2f× | ", channels, fileBytes, value("floor"),
               value("store"), value("store/floor"), value("whole"), value("whole/floor"))
            + Self.phases.map { String(format: "%.3f", value($0)) }.joined(separator: " | ") + " |"
    }
}

func measure(channels: Int, options: Options, template: SingleBackup, lndKey: SecureBytes) async throws -> Figures {
    let dir = options.directory + "/casa-event-to-durable-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fs = POSIXFileSystem()
    try fs.createDirectory(at: dir + "/floor", mode: 0o700)
    func store(_ name: String) throws -> LocalSnapshotStore {
        try LocalSnapshotStore(LocalStoreConfiguration(
            snapshotDirectory: "\(dir)/\(name)/snapshots", catalogPath: "\(dir)/\(name)/catalog.sqlite", keepVersions: 10))
    }
    let agentStore = try store("agent")
    let aloneStore = try store("alone")
    let keys = try AgentKeys(backupRoot: BackupRoot(sharedKey: SecureBytes.random(count: 32)), lndSCBKey: lndKey,
                             account: AccountID(ownerPublicKey: Random.bytes(32)))
    let pipeline = SnapshotPipeline(store: LocalStoreAdapter(agentStore), pending: nil, status: AgentStatus(), notify: [])
    try await pipeline.install(keys)
    let events = try lndMultis(count: channels, key: lndKey, template: template)
    let room = SnapshotFileFormat.headerSize

    var phases = PhaseSamples()
    var fileBytes = 0
    for round in 0..<options.rounds {
        let event = events[round % 2]
        // The phases alone, on the same input.
        let plaintext = try phases.time("open") { try LNDBackupCrypto.decrypt(blob: event, key: keys.lndSCBKey) }
        _ = try phases.time("check") { try MultiBackup.channelCount(checking: plaintext) }
        let multiHash = phases.time("hash Multi") { SHA256.hash(plaintext) }
        let payload = EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 0, bytes: event)
        let sealed = try phases.time("seal") {
            try Envelope.seal(payload, counter: UInt64(round + 1), account: keys.account, blob: keys.blob, key: keys.backup.envelope,
                              reservingPrefix: room)
        }
        _ = phases.time("hash sealed") { SHA256.hash(sealed[room...]) }
        // Opening (open, check, hash) and sealing at once, as the pipeline runs them.
        phases.time("open ‖ seal") {
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 {
                    if let plain = try? LNDBackupCrypto.decrypt(blob: event, key: keys.lndSCBKey) {
                        _ = try? MultiBackup.channelCount(checking: plain)
                        _ = SHA256.hash(plain)
                    }
                } else {
                    _ = try? Envelope.seal(payload, counter: UInt64(round + 1), account: keys.account, blob: keys.blob,
                                           key: keys.backup.envelope, reservingPrefix: room)
                }
            }
        }
        fileBytes = sealed.count
        let floorFile = [UInt8](repeating: UInt8(truncatingIfNeeded: round), count: fileBytes)

        let floor = {
            try phases.time("floor") {
                try fs.writeFileDurably(at: dir + "/floor/f.tmp", bytes: floorFile)
                try fs.rename(from: dir + "/floor/f.tmp", to: dir + "/floor/f-\(round)")
                try fs.syncDirectory(at: dir + "/floor")
            }
        }
        let alone = {
            try phases.time("store") {
                _ = try aloneStore.save(sealedAfterHeaderRoom: sealed, multiHash: multiHash, channelCount: channels)
            }
        }
        let order = round % 3
        if order == 0 { try floor() }
        if order == 1 { try alone() }
        let start = ContinuousClock.now
        let outcome = try await pipeline.ingest(event, origin: .subscription)
        let elapsed = ContinuousClock.now - start
        phases.record("whole", seconds: seconds(elapsed))
        guard case .saved = outcome else { throw BenchError("round \(round): the event was not stored (\(outcome))") }
        // What reaching the pipeline's actor and coming back costs alone (part of "whole").
        let hop = ContinuousClock.now
        _ = await pipeline.hasKeys
        let hopped = ContinuousClock.now - hop
        phases.record("actor round trip", seconds: seconds(hopped))
        if order != 0 { try floor() }
        if order != 1 { try alone() }

        if round % 10 == 9 {  // off the clock, like the agent's uploader and retention service
            for store in [agentStore, aloneStore] {
                while let job = try store.nextUpload() { try store.markUploaded(job) }
                try store.applyRetention()
            }
            for old in stride(from: round - 19, through: round - 10, by: 1) where old >= 0 {
                try fs.removeFile(at: dir + "/floor/f-\(old)")
            }
        }
    }
    guard try agentStore.readLatest().snapshot?.metadata.channelCount == channels else {
        throw BenchError("the newest stored snapshot does not read back with \(channels) channels")
    }
    return Figures(channels: channels, fileBytes: fileBytes, timings: phases)
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let vector = try VectorFile.load("scb", "anchors-multi.vector")
    let lndKey = try SecureBytes(copying: vector.hexField("key"))
    guard let template = try LNDBackupCrypto.openMulti(blob: vector.body, key: lndKey).singles.first else {
        throw BenchError("vector A has no channel")
    }
    var passes: [Int: [Figures]] = [:]
    for pass in 1...options.passes {
        for channels in options.channels {
            let figures = try await measure(channels: channels, options: options, template: template, lndKey: lndKey)
            print("pass \(pass): " + figures.line)
            passes[channels, default: []].append(figures)
        }
    }
    print("median of \(options.passes) pass(es) of \(options.rounds) rounds each (phases alone in ms):")
    print(Figures.header)
    for channels in options.channels { print(Figures(medianOf: passes[channels] ?? []).row) }
} catch {
    FileHandle.standardError.write(Data("event-to-durable: \(error)\n".utf8))
    exit(1)
}
