import Foundation
import Testing
import TestSupport

/// `--help` of every subcommand, byte for byte (Tests/Vectors/recover-help/<name>.txt). After a
/// deliberate change, regenerate with:
/// `for c in "" list fetch verify restore status force-close trigger-force-close revoke-device inspect; do env -i .build-core/debug/casa-recover $c --help > Tests/Vectors/recover-help/${c:-root}.txt; done`
@Suite struct HelpGoldenTests {
    static let commands = ["", "list", "fetch", "verify", "restore", "status", "force-close", "trigger-force-close", "revoke-device", "inspect"]

    @Test(arguments: commands)
    func helpMatchesTheGolden(_ command: String) async throws {
        let golden = try String(contentsOf: VectorFile.vectorsDirectory.appendingPathComponent("recover-help/\(command.isEmpty ? "root" : command).txt"), encoding: .utf8)
        let result = try await ProcessRunner.run("casa-recover", (command.isEmpty ? [] : [command]) + ["--help"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout == golden)
    }
}
