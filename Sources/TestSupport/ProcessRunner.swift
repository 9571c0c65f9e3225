import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outcome of a subprocess run by `ProcessRunner`.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs one of this package's executables (built next to the test binary) as a real
/// subprocess (a `ChildProcess`) to completion, for end-to-end CLI tests.
public enum ProcessRunner {
    /// The build products directory: where the running test binary lives.
    public static var productsDirectory: URL {
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var dir = exe.deletingLastPathComponent()
        // The test binary may sit inside <products>/<package>PackageTests.xctest/.
        while dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        return dir
    }

    public static func executable(_ name: String) -> URL {
        productsDirectory.appendingPathComponent(name)
    }

    /// Runs `name` with `arguments` and no stdin; the process is killed after `timeout` seconds.
    /// The wait happens on its own thread, never on Swift's cooperative pool (2 threads on a
    /// 2-core machine), which the other tests of the run and in-process servers need.
    public static func run(_ name: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 120) async throws -> ProcessResult {
        try await offPool { try runBlocking(name, arguments, environment: environment, timeout: timeout) }
    }

    static func runBlocking(_ name: String, _ arguments: [String], environment: [String: String]?, timeout: TimeInterval) throws -> ProcessResult {
        let child = try ChildProcess(executable(name).path, arguments, environment: environment, stderr: .capture)
        let deadline = ContinuousClock.now + .seconds(timeout)
        let output = child.readToEnd(timeout: deadline - ContinuousClock.now)
        // SIGKILL on overrun, as a child that ignores SIGTERM would otherwise keep the test waiting.
        guard let status = child.waitForTermination(timeout: max(.zero, deadline - ContinuousClock.now)) else {
            child.kill()
            return ProcessResult(status: SIGKILL, stdout: String(decoding: output, as: UTF8.self), stderr: child.capturedStderr)
        }
        return ProcessResult(status: status, stdout: String(decoding: output, as: UTF8.self), stderr: child.capturedStderr)
    }
}
