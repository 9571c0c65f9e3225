import Foundation
import TestSupport
import Testing

/// Drill 7 (issue 7) with real processes: `recovery/drills/drill-7-peer-ignores-dlp.sh` runs
/// `lnd-sim` and `casa-recover` from this build on loopback.
@Suite("Drill 7: a peer that ignores data-loss protection")
struct Drill7Tests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("recovery/drills/drill-7-peer-ignores-dlp.sh")

    @Test("restore; the silent peer does not close; trigger-force-close; one block closes the channel")
    func drill7() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["CASA_BIN_DIR"] = ProcessRunner.productsDirectory.path
        // The script takes tens of seconds: run it on its own thread, not on the cooperative pool.
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(executable: Drill7Tests.script, [], environment: environment, timeout: 600) })
            }
        }
        let lastLine = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(result.status == 0, "drill 7 exited \(result.status)\n\(result.stdout)\n\(result.stderr)")
        #expect(lastLine.hasPrefix("drill 7: PASS"), "last line: \(lastLine)")
    }
}
