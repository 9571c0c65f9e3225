import Foundation
import Glibc
import Synchronization

/// A real subprocess whose stdout is read line by line on a background thread.
/// Every wait is bounded; the process is terminated when the object goes away.
final class ExternalProcess: Sendable {
    /// Shared with the reader threads, which must not keep the process object alive.
    private final class Output: Sendable {
        let lines = Mutex<[String]>([])
        let finished = Atomic<Bool>(false)
        let stderrText = Mutex<String>("")
    }

    private let process: Process
    private let output = Output()

    init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        self.process = process
        try process.run()
        let handle = out.fileHandleForReading
        Thread { [output] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let nl = buffer.firstIndex(of: 0x0a) {
                    let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...nl)
                    output.lines.withLock { $0.append(line) }
                }
            }
            output.finished.store(true, ordering: .releasing)
        }.start()
        let errHandle = err.fileHandleForReading
        Thread { [output] in
            let data = errHandle.readDataToEndOfFile()
            output.stderrText.withLock { $0 = String(decoding: data, as: UTF8.self) }
        }.start()
    }

    deinit {
        kill()
    }

    /// SIGKILL: the child inherits the test runner's blocked-signal mask, so SIGTERM would
    /// stay pending forever.
    private func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// The first stdout line that satisfies `match`, waiting at most `timeout`.
    func waitForLine(timeout: Duration = .seconds(30), where match: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = output.lines.withLock({ $0.first(where: match) }) { return line }
            if output.finished.load(ordering: .acquiring), output.lines.withLock({ $0.first(where: match) }) == nil {
                Thread.sleep(forTimeInterval: 0.05)
                throw ProcessFailure("process ended without the expected output; stderr: \(stderr)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw ProcessFailure("no expected output within \(timeout); stderr: \(stderr)")
    }

    /// Parses the first JSON line whose "event" is `event`.
    func waitForEvent(_ event: String, timeout: Duration = .seconds(30)) throws -> [String: Any] {
        let line = try waitForLine(timeout: timeout) { $0.contains("\"event\": \"\(event)\"") }
        guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw ProcessFailure("not a JSON object: \(line)")
        }
        return obj
    }

    var stderr: String { output.stderrText.withLock { $0 } }

    func terminate() {
        kill()
        process.waitUntilExit()
    }
}

struct ProcessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
