#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Small wrappers over POSIX file calls where durability matters (fsync, rename).
enum PosixFile {
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let path: String
        let code: Int32
        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Creates (truncating) `url`, writes `bytes`, fsyncs and closes it.
    static func writeAndSync(_ bytes: [UInt8], to url: URL, mode: mode_t) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(operation: "open", path: url.path, code: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", path: url.path, code: errno)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw Failure(operation: "fsync", path: url.path, code: errno) }
    }

    static func renameItem(_ from: URL, to: URL) throws {
        guard rename(from.path, to.path) == 0 else { throw Failure(operation: "rename", path: from.path, code: errno) }
    }

    static func fsyncDirectory(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(operation: "open", path: url.path, code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(operation: "fsync", path: url.path, code: errno) }
    }

    /// temp file + fsync + rename + directory fsync, for the simulator's own state files.
    static func writeAtomically(_ bytes: [UInt8], to url: URL, mode: mode_t = 0o600) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try writeAndSync(bytes, to: temporary, mode: mode)
        try renameItem(temporary, to: url)
        try fsyncDirectory(url.deletingLastPathComponent())
    }

    static func read(_ url: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: url.path).map { Array($0) }
    }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}
