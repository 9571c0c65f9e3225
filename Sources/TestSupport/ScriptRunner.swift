import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a shell script (a drill, the demo) as a real subprocess (a `ChildProcess`) without
/// blocking Swift's cooperative pool: the exit is awaited on a thread of its own, output goes to
/// a file (a pipe could fill up and stall the script), and a script that overruns is killed with
/// everything it started.
public enum ScriptRunner {
    public static func run(_ script: String, arguments: [String] = [], environment: [String: String] = [:], timeout: Duration) async throws -> ProcessResult {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("casa-script-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        // setsid: the script and everything it starts form one session and process group, so an
        // overrun can be killed as a whole. --wait keeps setsid (and its exit status) until the
        // script ends if setsid has to fork. ChildProcess clears the signal mask the child would
        // inherit from a pool thread, so every process of the script gets SIGTERM and SIGINT
        // (a `kill` in a drill works).
        let child = try ChildProcess("/usr/bin/setsid", ["--wait", "/bin/bash", script] + arguments,
                                     environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                     stdout: .file(log.path), stderr: .file(log.path))
        let status = try await offPool { () -> Int32 in
            if let status = child.waitForTermination(timeout: timeout) { return status }
            let pid = child.pid
            for grandchild in Self.children(of: pid) { kill(-grandchild, SIGKILL) }
            kill(-pid, SIGKILL)
            return child.waitForTermination(timeout: .seconds(60)) ?? SIGKILL
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return ProcessResult(status: status, stdout: text, stderr: "")
    }

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
