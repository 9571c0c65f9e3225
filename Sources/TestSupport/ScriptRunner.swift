import Foundation

/// Runs a shell script (a drill, the demo) as a real subprocess without blocking Swift's
/// cooperative pool: the exit is awaited through the termination handler, output goes to a file
/// (a pipe could fill up and stall the script), and a script that overruns is killed with
/// everything it started.
public enum ScriptRunner {
    public static func run(_ script: String, arguments: [String] = [], environment: [String: String] = [:], timeout: Duration) async throws -> ProcessResult {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("casa-script-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }

        let process = Process()
        // setsid: the script and everything it starts form one process group, so an overrun can be
        // killed as a whole (SIGKILL: a child of a pool thread inherits its blocked SIGTERM).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["/bin/bash", script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            Task.detached {
                try? await Task.sleep(for: timeout)
                if process.isRunning { kill(-pid, SIGKILL) }
            }
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return ProcessResult(status: status, stdout: text, stderr: "")
    }
}
