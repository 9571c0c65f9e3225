import Foundation
import LocalStore
import Sodium
import Testing

/// Issue 5 "Performance": event → durable local copy against the floor (write + fsync + rename
/// + directory fsync of the same bytes), for 1, 100 and 1,000 channels. A measurement, not a
/// test of timing: it only runs when CASA_LOCAL_STORE_BENCH is set (benchmarks/local-store-bench)
/// and prints the figures; it asserts only that every saved snapshot reads back.
@Suite struct LocalStoreBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH"] != nil
    static let rounds = Int(ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH_ROUNDS"] ?? "") ?? 200

    /// An lnd Single is about 300 bytes once encrypted; our envelope adds a small header.
    static func sealedSize(channels: Int) -> Int { 64 + channels * 300 }

    @Test(.enabled(if: enabled)) func eventToDurableCopyAgainstTheFloor() throws {
        let directory = ProcessInfo.processInfo.environment["CASA_LOCAL_STORE_BENCH_DIR"]
        for channels in [1, 100, 1000] {
            let dir = try directory.map { base in
                try TemporaryDirectory(at: base, "bench")
            } ?? TemporaryDirectory("bench")
            defer { dir.remove() }
            let fs = POSIXFileSystem()
            let store = try LocalSnapshotStore(LocalStoreConfiguration(
                snapshotDirectory: dir.sub("store/snapshots"), catalogPath: dir.sub("store/catalog.sqlite"), keepVersions: 10))
            try fs.createDirectory(at: dir.sub("floor"), mode: 0o700)
            var floor = [Double]()
            var saved = [Double]()
            var hashed = [Double]()
            for round in 0..<Self.rounds {
                let sealed = Payload.sealed(round, size: Self.sealedSize(channels: channels))
                // Alternate which goes first so drift and cache effects hit both equally.
                let measureFloor = {
                    floor.append(try Self.time {
                        // A new name each time, as the store does (replacing one name costs differently).
                        try fs.writeFileDurably(at: dir.sub("floor/f.tmp"), bytes: sealed)
                        try fs.rename(from: dir.sub("floor/f.tmp"), to: dir.sub("floor/f-\(round)"))
                        try fs.syncDirectory(at: dir.sub("floor"))
                    })
                }
                let measureStore = {
                    saved.append(try Self.time {
                        try store.save(sealed: sealed, multiHash: Payload.multiHash(round), channelCount: channels)
                    })
                }
                if round % 2 == 0 { try measureFloor(); try measureStore() } else { try measureStore(); try measureFloor() }
                // What the store adds on the CPU: the content hash of the sealed bytes, alone.
                hashed.append(try Self.time { _ = SHA256.hash(sealed) })
                if round % 10 == 9 {  // off the clock, like the agent's uploader and retention service
                    _ = try store.nextUpload()
                    try store.applyRetention()
                    for old in stride(from: round - 19, through: round - 10, by: 1) where old >= 0 {
                        try fs.removeFile(at: dir.sub("floor/f-\(old)"))
                    }
                }
            }
            #expect(try store.readLatest().snapshot?.sealed == Payload.sealed(Self.rounds - 1, size: Self.sealedSize(channels: channels)))
            let f = Self.median(floor), s = Self.median(saved), h = Self.median(hashed)
            print(String(format: "local-store bench: %4d channels, %7d bytes: floor median %.3f ms (p90 %.3f), store median %.3f ms (p90 %.3f), ratio %.2f×; SHA-256 of the sealed bytes alone %.3f ms (%.2f× the floor); %d rounds",
                         channels, Self.sealedSize(channels: channels), f * 1000, Self.percentile(floor, 0.9) * 1000,
                         s * 1000, Self.percentile(saved, 0.9) * 1000, s / f, h * 1000, h / f, Self.rounds))
        }
    }

    static func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
    }
}
