import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// A real `casa-vault serve` subprocess (built next to the test bundle), for crash tests.
final class VaultProcess: @unchecked Sendable {
    let process: Process
    let port: Int

    /// The executable built by `swift build` beside this test binary.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("casa-vault")
    }

    /// Starts `casa-vault serve --data <dir> --port 0` and waits (bounded) for its printed URL.
    init(dataDirectory: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw ConformanceFailure("casa-vault is not built at \(Self.executable.path): run swift build first")
        }
        process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--data", dataDirectory, "--host", "127.0.0.1", "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = Data()
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
            let text = String(decoding: printed, as: UTF8.self)
            if let range = text.range(of: "http://127.0.0.1:"),
               let port = Int(text[range.upperBound...].prefix { $0.isNumber }) {
                found = port
            }
        }
        guard let found else {
            process.terminate()
            throw ConformanceFailure("casa-vault did not print its URL: \(String(decoding: printed, as: UTF8.self))")
        }
        port = found
    }

    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }
}
