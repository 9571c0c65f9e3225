// SCB decrypt+parse throughput against its floor: raw libsodium XChaCha20-Poly1305 on the same
// bytes, in the same run (issue 3). benchmarks/core-throughput turns the two into a ratio.
import BackupCore
import Benchmark
import Sodium
import TestSupport

let benchmarks: @Sendable () -> Void = {
    // Vector B (docs/lnd.md §6.2): one real encrypted Single of 702 bytes, and its key.
    guard let vector = try? VectorFile.load("scb", "custom-channel-single.vector"),
          let keyBytes = try? vector.hexField("key"),
          let key = try? SecureBytes(copying: keyBytes) else {
        fatalError("Tests/Vectors/scb/custom-channel-single.vector is missing")
    }
    let blob = vector.body
    let nonce = Array(blob[0..<24])
    let sealed = Array(blob[24...])
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock], scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 1_000_000)

    Benchmark("floor: XChaCha20-Poly1305 open (702 B)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try XChaCha20Poly1305.open(sealed, associatedData: nonce, nonce: nonce, key: key))
        }
    }

    Benchmark("SCB single decrypt+parse (702 B)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LNDBackupCrypto.openSingle(blob: blob, key: key))
        }
    }
}
