#if canImport(Glibc)
import Foundation
import Glibc

/// An inotify watch on one directory, yielding whenever `fileName` was renamed into it or
/// closed after writing. A dedicated thread blocks in poll() on the inotify descriptor and a
/// wake-up pipe, so it costs nothing while nothing changes and stops at once on cancel.
final class InotifyEvents: Sendable {
    let stream: AsyncStream<Void>

    init(directory: String, fileName: String) throws {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw AgentError.io("inotify_init1 failed: \(String(cString: strerror(errno)))") }
        // The directory itself going away (deleted, moved, unmounted) ends the stream, so the
        // watcher can wait for it to come back.
        let mask = UInt32(IN_MOVED_TO) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw AgentError.io("cannot watch \(directory): \(reason); check --lnddir and the network")
        }
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            close(fd)
            throw AgentError.io("pipe failed: \(String(cString: strerror(errno)))")
        }
        let wakeRead = pipeFDs[0]
        let wakeWrite = pipeFDs[1]
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.stream = stream
        continuation.onTermination = { _ in
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        let target = Array(fileName.utf8)
        let thread = Thread {
            Self.loop(fd: fd, wake: wakeRead, target: target, continuation: continuation)
            close(fd)
            close(wakeRead)
            close(wakeWrite)
        }
        thread.name = "casa-inotify"
        thread.start()
    }

    private static func loop(fd: Int32, wake: Int32, target: [UInt8], continuation: AsyncStream<Void>.Continuation) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            if Self.names(in: buffer, count: count).contains(target) {
                continuation.yield()
            }
            if Self.watchEnded(in: buffer, count: count) { break }
        }
        continuation.finish()
    }

    /// True when an event says the watched directory is gone (IN_IGNORED, IN_DELETE_SELF,
    /// IN_MOVE_SELF, IN_UNMOUNT).
    static func watchEnded(in buffer: [UInt8], count: Int) -> Bool {
        let ending = UInt32(IN_IGNORED) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_UNMOUNT)
        var offset = 0
        while offset + 16 <= count {
            let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
            if mask & ending != 0 { return true }
            let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
            offset += 16 + length
        }
        return false
    }

    /// The file names of the events in one read (struct inotify_event: wd, mask, cookie, len, name).
    static func names(in buffer: [UInt8], count: Int) -> [[UInt8]] {
        var names: [[UInt8]] = []
        var offset = 0
        let headerSize = 16
        while offset + headerSize <= count {
            // Native byte order (the kernel's), so this holds on aarch64 and x86 alike.
            let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
            let start = offset + headerSize
            let end = min(start + length, count)
            let name = buffer[start..<end].prefix { $0 != 0 }
            names.append(Array(name))
            offset = start + length
        }
        return names
    }
}
#endif
