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
        // setsid: the script and everything it starts form one session and process group, so an
        // overrun can be killed as a whole. The spawned process leads its own group, so setsid
        // forks: --wait keeps it (and its exit status) until the script ends, and the script's
        // group is its child's pid. A child of a pool thread inherits that thread's blocked
        // SIGTERM and SIGINT, and so would every process of the script (a `kill` in a drill would
        // do nothing): a one-line Python trampoline unblocks them before it execs bash.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--wait", "/usr/bin/python3", "-c", Self.unblockingTrampoline, "/bin/bash", script] + arguments
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
                guard process.isRunning else { return }
                for child in Self.children(of: pid) { kill(-child, SIGKILL) }
                kill(-pid, SIGKILL)
            }
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return ProcessResult(status: status, stdout: text, stderr: "")
    }

    /// Unblocks SIGTERM and SIGINT, then execs its arguments (the mask survives exec).
    static let unblockingTrampoline =
        "import os, signal, sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT}); os.execv(sys.argv[1], sys.argv[1:])"

    /// The pids whose parent is `pid` (from /proc).
    static func children(of pid: Int32) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { Int32($0) }.filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == pid
        }
    }
}
