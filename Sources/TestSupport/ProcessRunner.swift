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
/// subprocess, for end-to-end CLI tests.
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
        let process = Process()
        process.executableURL = executable(name)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = DataBox(), errData = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData.set(out.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        // SIGKILL: a child started from a Swift concurrency thread inherits its blocked signals,
        // SIGTERM included, so terminate() would leave it running and waitUntilExit() hanging.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        group.wait()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self),
                             stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}

/// A lock-protected Data for collecting pipe output from another thread.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
