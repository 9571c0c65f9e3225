import Foundation
import Testing
import TestSupport

/// Every scripted disaster drill in recovery/drills runs for real: casa-vault, lnd-sim,
/// casa-backupd and casa-recover as processes on loopback (recovery/drills/lib.sh).
@Suite("Disaster drills (recovery/drills), with real processes", .serialized)
struct DrillTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let drillsDirectory = root.appendingPathComponent("recovery/drills")
    /// End-to-end checks that are not disasters (the agent following lnd, crash loops, lnd faults).
    static let checksDirectory = root.appendingPathComponent("Tests/DrillTests/Scripts")

    /// Paths relative to the package root.
    static var scripts: [String] {
        func list(_ directory: URL, _ relative: String, prefix: String) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".sh") }.sorted().map { relative + "/" + $0 }
        }
        return list(drillsDirectory, "recovery/drills", prefix: "drill-") + list(checksDirectory, "Tests/DrillTests/Scripts", prefix: "")
    }

    @Test("the drills are there", .tags(.drill))
    func present() {
        #expect(Self.scripts.count >= 1, "no drill-*.sh in \(Self.drillsDirectory.path)")
    }

    @Test("drill passes", .tags(.drill), arguments: scripts)
    func drill(_ name: String) async throws {
        let result = try await ScriptRunner.run(
            Self.root.appendingPathComponent(name).path,
            environment: ["CASA_BIN": ProcessRunner.productsDirectory.path],
            timeout: .seconds(300))
        let lastLine = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(result.status == 0, "\(name) exited \(result.status):\n\(result.stdout.suffix(6000))")
        #expect(lastLine.contains(": PASS"), "\(name) did not end with PASS: \(lastLine)")
    }
}

extension Tag {
    @Tag static var drill: Self
}
