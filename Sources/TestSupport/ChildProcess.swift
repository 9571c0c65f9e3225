import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A subprocess for tests: a helper server (a Python fake, microsocks, pyln), a casa executable
/// run to completion, a drill script. The one subprocess runner of the test suite.
/// It is killed when `stop()` is called or the value is released, so a failing test cannot leak it.
/// Spawned with posix_spawn and reaped with waitpid: Foundation's Process can miss child exits
/// off the main thread on Linux, and its children inherit the blocked signals of Swift's pool
/// threads (SIGTERM included), which posix_spawn resets here.
public final class ChildProcess: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Where one of the child's output streams goes.
    public enum Output: Sendable {
        /// The test process's own stream.
        case inherit
        /// stdout: a pipe read by `waitForLine` and `readToEnd`; stderr: a private file read by
        /// `capturedStderr` (a file never fills up and stalls the child).
        case capture
        /// /dev/null.
        case discard
        /// Appended to this file (stdout and stderr may share one).
        case file(String)
    }

    public let executable: String
    public let pid: pid_t
    private let stdoutFD: Int32?
    private let stderrFile: String?
    /// Every stdout byte read so far, its complete lines, and where each line ends in it.
    private var received: [UInt8] = []
    private var lines: [String] = []
    private var lineEnds: [Int] = []
    /// `waitForLine(prefix:)` and `readToEnd` consume the lines before this index.
    private var consumed = 0
    private var endOfOutput = false
    private var exited = false
    private var waitStatus: Int32 = 0
    private let lock = NSLock()

    /// Starts `executable` with `arguments` (never secrets: argv is visible to other users).
    /// stdin is /dev/null, or a pipe that receives `stdin` and is then closed.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdin: Data? = nil, stdout: Output = .capture, stderr: Output = .inherit) throws {
        self.executable = executable
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = []  // closed in the parent after the spawn
        var stdinWriter: Int32?
        if stdin != nil {
            let (read, write) = try Self.makePipe()
            posix_spawn_file_actions_adddup2(&actions, read, 0)
            parentEnds.append(read)
            stdinWriter = write
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        var outReader: Int32?
        switch stdout {
        case .capture:
            let (read, write) = try Self.makePipe()
            posix_spawn_file_actions_adddup2(&actions, write, 1)
            parentEnds.append(write)
            outReader = read
        case .inherit: break
        case .discard: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        var errorFile: String?
        switch stderr {
        case .capture:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("casa-stderr-\(UUID().uuidString)").path
            posix_spawn_file_actions_addopen(&actions, 2, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            errorFile = path
        case .inherit: break
        case .discard: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 2, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        // The child gets only stdin, stdout and stderr. Without this, a long-lived child (a
        // server) inherits every pipe the test process has open at that moment (Foundation's
        // Pipe is not close-on-exec), e.g. the stdout of a curl another test is reading, whose
        // reader then never sees EOF: the "hangs only in the parallel run" of the lnd-sim tests.
        ChildProcess.closeDescriptorsFromThree(&actions)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        // Swift's worker threads block signals, and a spawned child inherits the mask:
        // reset it, or the child would ignore SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, env)
        parentEnds.forEach { close($0) }
        guard status == 0 else {
            [outReader, stdinWriter].compactMap { $0 }.forEach { close($0) }
            errorFile.map { try? FileManager.default.removeItem(atPath: $0) }
            throw Failure(description: "cannot start \(executable): error \(status)")
        }
        pid = child
        stdoutFD = outReader
        stderrFile = errorFile
        if let stdinWriter, let stdin {
            stdin.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(stdinWriter, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(stdinWriter)
        }
    }

    /// A pipe whose ends are close-on-exec, so children spawned at the same time elsewhere do
    /// not inherit them (dup2 onto 0-2 clears the flag for this child).
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe() failed") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// Starts a program found on PATH.
    public convenience init(program: String, _ arguments: [String], environment: [String: String]? = nil,
                            stdin: Data? = nil, stdout: Output = .capture, stderr: Output = .inherit) throws {
        guard let path = ChildProcess.which(program) else {
            throw Failure(description: "\(program) is not installed (run scripts/install-deps)")
        }
        try self.init(path, arguments, environment: environment, stdin: stdin, stdout: stdout, stderr: stderr)
    }

    /// Reads stdout until a line starting with `prefix` appears and returns the rest of that line
    /// (the lines before it are consumed). Gives up when the process closes stdout first or after `timeout`.
    public func waitForLine(prefix: String, timeout: Duration = .seconds(20)) throws -> String {
        let line = try waitForLine(timeout: timeout, consuming: true, what: prefix) { $0.hasPrefix(prefix) }
        return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }

    /// The first stdout line so far or to come that satisfies `match` (nothing is consumed).
    public func waitForLine(timeout: Duration = .seconds(30), where match: (String) -> Bool) throws -> String {
        try waitForLine(timeout: timeout, consuming: false, what: "the expected line", match)
    }

    private func waitForLine(timeout: Duration, consuming: Bool, what: String, _ match: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var index = consuming ? consumed : 0
        while true {
            while index < lines.count {
                defer { index += 1 }
                if match(lines[index]) {
                    if consuming { consumed = index + 1 }
                    return lines[index]
                }
            }
            if consuming { consumed = index }
            if endOfOutput { throw Failure(description: "\(executable) exited before printing \(what)\(stderrSuffix)") }
            guard ContinuousClock.now < deadline else { break }
            readAvailable(waitingAtMost: 200)
        }
        throw Failure(description: "\(executable) did not print \(what) within \(timeout)\(stderrSuffix)")
    }

    /// The next stdout line not consumed yet, nil once stdout has ended; blocks until one comes,
    /// for at most `timeout` (then throws).
    public func nextLine(timeout: Duration = .seconds(20)) throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while consumed == lines.count {
            if endOfOutput { return nil }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "\(executable) printed no line within \(timeout)\(stderrSuffix)")
            }
            readAvailable(waitingAtMost: 200)
        }
        consumed += 1
        return lines[consumed - 1]
    }

    /// Waits up to `milliseconds` for stdout, then reads what is there into `lines`.
    private func readAvailable(waitingAtMost milliseconds: Int32) {
        guard let stdoutFD, !endOfOutput else { return }
        var poller = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) >= 0 else { return }
        if poller.revents == 0 { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = read(stdoutFD, &chunk, chunk.count)
        if n <= 0 {
            endOfOutput = true
            // A last line without a newline is still a line.
            if (lineEnds.last ?? 0) < received.count {
                lines.append(String(decoding: received[(lineEnds.last ?? 0)...], as: UTF8.self))
                lineEnds.append(received.count)
            }
            return
        }
        received += chunk[..<n]
        var start = lineEnds.last ?? 0
        while let newline = received[start...].firstIndex(of: 0x0a) {
            lines.append(String(decoding: received[start..<newline], as: UTF8.self))
            lineEnds.append(newline + 1)
            start = newline + 1
        }
    }

    /// Reads stdout to its end (bounded by `timeout`) and returns the bytes after the lines a
    /// `waitForLine(prefix:)` consumed.
    public func readToEnd(timeout: Duration = .seconds(120)) -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        while !endOfOutput, ContinuousClock.now < deadline { readAvailable(waitingAtMost: 200) }
        return Array(received[(consumed == 0 ? 0 : lineEnds[consumed - 1])...])
    }

    /// What the child wrote to stderr so far, with `stderr: .capture`.
    public var capturedStderr: String {
        stderrFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
    }

    private var stderrSuffix: String {
        stderrFile == nil ? "" : "; stderr: \(capturedStderr)"
    }

    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        if exited { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exited = true
            waitStatus = status
        }
        return !exited
    }

    /// Sends `signal` (e.g. SIGTERM) without waiting.
    public func send(signal: Int32) {
        if isRunning { Glibc.kill(pid, signal) }
    }

    /// Waits (bounded) for the process to exit; returns its exit code, or nil if it is still
    /// running after `timeout` or was killed by a signal.
    public func waitForExit(timeout: Duration = .seconds(20)) -> Int32? {
        guard let status = waitForTermination(timeout: timeout), !killedBySignal else { return nil }
        return status
    }

    /// Waits (bounded) for the process to end; returns its exit code or, if a signal killed it,
    /// the signal's number (as Foundation's `terminationStatus`); nil if it is still running.
    public func waitForTermination(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        lock.lock()
        defer { lock.unlock() }
        guard exited else { return nil }
        return waitStatus & 0x7f == 0 ? (waitStatus >> 8) & 0xff : waitStatus & 0x7f
    }

    private var killedBySignal: Bool {
        lock.lock()
        defer { lock.unlock() }
        return exited && waitStatus & 0x7f != 0
    }

    /// SIGKILL now, then reaped (for a child that must not get a chance to clean up).
    public func kill() {
        guard isRunning else { return }
        Glibc.kill(pid, SIGKILL)
        reapBlocking()
    }

    private func reapBlocking() {
        lock.lock()
        var status: Int32 = 0
        if !exited, waitpid(pid, &status, 0) == pid {
            exited = true
            waitStatus = status
        }
        lock.unlock()
    }

    /// SIGTERM, then SIGKILL if it is still alive after 5 s; always reaped.
    public func stop() {
        guard isRunning else { return }
        Glibc.kill(pid, SIGTERM)
        for _ in 0..<500 where isRunning { usleep(10_000) }
        if isRunning {
            Glibc.kill(pid, SIGKILL)
            reapBlocking()
        }
    }

    deinit {
        stop()
        stdoutFD.map { _ = close($0) }
        stderrFile.map { try? FileManager.default.removeItem(atPath: $0) }
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np` (Swift's Glibc module does not
    /// export it); older systems fall back to closing each descriptor open now.
    static func closeDescriptorsFromThree(_ actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }

    public static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/sbin", "/usr/bin"] {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a command found on PATH to completion and returns its stdout (for openssl and
    /// similar tools); fails unless it exits with 0 within 30 s.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], stdin: Data? = nil) throws -> Data {
        let child = try ChildProcess(program: program, arguments, stdin: stdin ?? Data(), stderr: .discard)
        let output = child.readToEnd(timeout: .seconds(30))
        guard child.waitForTermination(timeout: .seconds(30)) == 0 else {
            child.kill()
            throw Failure(description: "\(program) \(arguments.joined(separator: " ")) failed")
        }
        return Data(output)
    }
}
