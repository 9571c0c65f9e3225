#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Small crash-safe file writes for the agent's own files (the pending lnd copy, the device
/// key): temporary file, write, fsync, rename, directory fsync.
enum DurableFile {
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws {
        // The state folder may not exist yet on a fresh box (enroll is the first command).
        try FileManager.default.createDirectory(
            atPath: parentDirectory(of: path), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp"
        // A leftover temporary (a crash, or something planted there, such as a symlink to a file
        // elsewhere) is removed, and the new one must be created here and now: O_EXCL with
        // O_NOFOLLOW never follows a link or writes into a file someone else opened (review L10).
        if unlink(temporary) != 0 && errno != ENOENT { throw failure("unlink", temporary) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("open", temporary) }
        // The umask may have narrowed `mode`; set it exactly.
        guard fchmod(fd, mode) == 0 else {
            close(fd)
            throw failure("chmod", temporary)
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc_write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                close(fd)
                throw failure("write", temporary)
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw failure("fsync", temporary)
        }
        close(fd)
        try renameDurably(temporary, over: path)
    }

    /// Renames `from` over `to` and fsyncs the directory, so the rename survives a power cut.
    static func renameDurably(_ from: String, over to: String) throws {
        guard rename(from, to) == 0 else { throw failure("rename", to) }
        let directory = parentDirectory(of: to)
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw failure("open", directory) }
        defer { close(dirFD) }
        guard fsync(dirFD) == 0 else { throw failure("fsync", directory) }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    private static func failure(_ call: String, _ path: String) -> AgentError {
        AgentError.io("\(call) \(path) failed: \(String(cString: strerror(errno))); check the directory's permissions and free space")
    }
}

private func Glibc_write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.write(fd, pointer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, pointer, count)
    #else
    return Glibc.write(fd, pointer, count)
    #endif
}
