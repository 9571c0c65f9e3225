import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// A real `casa-vault serve` subprocess (built next to the test bundle), for crash tests.
final class VaultProcess: @unchecked Sendable {
    let process: ChildProcess
    let port: Int

    /// The executable built by `swift build` beside this test binary.
    static var executable: URL { ProcessRunner.executable("casa-vault") }

    /// Starts `casa-vault serve --data <dir> --port 0` and waits (bounded) for its printed URL.
    init(dataDirectory: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw ConformanceFailure("casa-vault is not built at \(Self.executable.path): run swift build first")
        }
        process = try ChildProcess(Self.executable.path, ["serve", "--data", dataDirectory, "--host", "127.0.0.1", "--port", "0"],
                                   stderr: .discard)
        let prefix = "http://127.0.0.1:"
        guard let line = try? process.waitForLine(timeout: .seconds(30), where: { $0.contains(prefix) }),
              let range = line.range(of: prefix), let found = Int(line[range.upperBound...].prefix { $0.isNumber }) else {
            process.stop()
            throw ConformanceFailure("casa-vault did not print its URL: \(String(decoding: process.readToEnd(timeout: .seconds(1)), as: UTF8.self))")
        }
        port = found
    }

    func kill() {
        process.kill()
    }

    func terminate() {
        process.send(signal: SIGTERM)
        _ = process.waitForTermination(timeout: .seconds(60))
    }
}
