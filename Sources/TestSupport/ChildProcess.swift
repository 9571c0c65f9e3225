import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A helper process for loopback tests (a Python fake server, microsocks, a casa executable).
/// It is killed when `stop()` is called or the value is released, so a failing test cannot leak it.
/// Spawned with posix_spawn and reaped with waitpid: Foundation's Process can miss child exits
/// off the main thread on Linux.
public final class ChildProcess: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    public let executable: String
    public let pid: pid_t
    private let stdoutFD: Int32
    private var buffered: [UInt8] = []
    private var exited = false
    private var waitStatus: Int32 = 0
    private let lock = NSLock()

    /// Starts `executable` with `arguments` (never secrets: argv is visible to other users).
    /// stderr is inherited; stdout is captured for `waitForLine`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        self.executable = executable
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe() failed") }
        // Close-on-exec, so children spawned at the same time elsewhere do not inherit it.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
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
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw Failure(description: "cannot start \(executable): error \(status)")
        }
        pid = child
        stdoutFD = fds[0]
    }

    /// Starts a program found on PATH.
    public convenience init(program: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        guard let path = ChildProcess.which(program) else {
            throw Failure(description: "\(program) is not installed (run scripts/install-deps)")
        }
        try self.init(path, arguments, environment: environment)
    }

    /// Reads stdout until a line starting with `prefix` appears and returns the rest of that line.
    /// Gives up when the process closes stdout first or after `timeout`.
    public func waitForLine(prefix: String, timeout: Duration = .seconds(20)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            while let newline = buffered.firstIndex(of: 0x0a) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                if line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
            }
            var poller = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) >= 0 else { break }
            if poller.revents == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = read(stdoutFD, &chunk, chunk.count)
            if n <= 0 { throw Failure(description: "\(executable) exited before printing \(prefix)") }
            buffered += chunk[..<n]
        }
        throw Failure(description: "\(executable) did not print \(prefix) within \(timeout)")
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
        if isRunning { kill(pid, signal) }
    }

    /// Waits (bounded) for the process to exit; returns its exit code, or nil if it is still
    /// running after `timeout` or was killed by a signal.
    public func waitForExit(timeout: Duration = .seconds(20)) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        lock.lock()
        defer { lock.unlock() }
        guard exited, waitStatus & 0x7f == 0 else { return nil }
        return (waitStatus >> 8) & 0xff
    }

    /// SIGTERM, then SIGKILL if it is still alive after 5 s; always reaped.
    public func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        for _ in 0..<500 where isRunning { usleep(10_000) }
        if isRunning {
            kill(pid, SIGKILL)
            lock.lock()
            var status: Int32 = 0
            if !exited, waitpid(pid, &status, 0) == pid { exited = true }
            lock.unlock()
        }
    }

    deinit {
        stop()
        close(stdoutFD)
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

    /// Runs a command to completion and returns its stdout (for openssl and similar tools).
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], stdin: Data? = nil) throws -> Data {
        guard let path = which(program) else { throw Failure(description: "\(program) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        for _ in 0..<3000 where process.isRunning { usleep(10_000) }
        guard !process.isRunning, process.terminationStatus == 0 else {
            throw Failure(description: "\(program) \(arguments.joined(separator: " ")) failed")
        }
        return data
    }
}
