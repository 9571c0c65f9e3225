#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real disk through POSIX calls: open/write/fsync/close, rename(2), fsync of the directory.
/// Files are created 0600 and directories 0700 (or the mode asked for); symlinks are not followed
/// when opening files for writing.
public struct POSIXFileSystem: FileSystem {
    public init() {}

    public func writeFile(at path: String, bytes: [UInt8]) throws(FileSystemError) {
        try write(path, bytes, then: .nothing)
    }

    public func writeFileDurably(at path: String, bytes: [UInt8]) throws(FileSystemError) {
        try write(path, bytes, then: .sync)
    }

    public func writeFileStartingWriteback(at path: String, bytes: [UInt8]) throws(FileSystemError) {
        try write(path, bytes, then: .startWriteback)
    }

    public func patchFile(at path: String, offset: Int, bytes: [UInt8]) throws(FileSystemError) {
        try patch(path, offset, bytes, sync: false)
    }

    public func patchFileDurably(at path: String, offset: Int, bytes: [UInt8]) throws(FileSystemError) {
        try patch(path, offset, bytes, sync: true)
    }

    public func syncFile(at path: String) throws(FileSystemError) {
        let fd = try open(path, O_RDONLY, operation: .sync)
        defer { close(fd) }
        try fsyncRetrying(fd, path: path, operation: .sync)
    }

    public func rename(from source: String, to destination: String) throws(FileSystemError) {
        guard posixRename(source, destination) == 0 else {
            throw FileSystemError(operation: .rename, path: "\(source) -> \(destination)", errno: errno)
        }
    }

    public func syncDirectory(at path: String) throws(FileSystemError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY, operation: .syncDirectory)
        defer { close(fd) }
        try fsyncRetrying(fd, path: path, operation: .syncDirectory)
    }

    public func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        let fd = try open(path, O_RDONLY, operation: .read)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(operation: .read, path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileSystemError(operation: .read, path: path, errno: ErrnoCode.isDirectory)
        }
        var result = [UInt8]()
        result.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(operation: .read, path: path, errno: errno)
            }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    public func listDirectory(at path: String) throws(FileSystemError) -> [String] {
        guard let dir = opendir(path) else { throw FileSystemError(operation: .list, path: path, errno: errno) }
        defer { closedir(dir) }
        var names = [String]()
        while let entry = readdir(dir) {
            var raw = entry.pointee.d_name
            let name = withUnsafeBytes(of: &raw) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func removeFile(at path: String) throws(FileSystemError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw FileSystemError(operation: .remove, path: path, errno: errno)
        }
    }

    public func createDirectory(at path: String, mode: UInt16) throws(FileSystemError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in FilePath.components(path) {
            current += "/" + component
            if mkdir(current, mode_t(mode)) == 0 { continue }
            let code = errno
            var info = stat()
            guard code == EEXIST, stat(current, &info) == 0 else {
                throw FileSystemError(operation: .createDirectory, path: current, errno: code)
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw FileSystemError(operation: .createDirectory, path: current, errno: ENOTDIR)
            }
        }
    }

    // MARK: - Helpers

    private enum AfterWrite { case nothing, startWriteback, sync }

    private func write(_ path: String, _ bytes: [UInt8], then after: AfterWrite) throws(FileSystemError) {
        let fd = try open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, operation: .write)
        defer { close(fd) }
        try writeAll(fd, bytes, at: 0, path: path)
        switch after {
        case .nothing: break
        case .startWriteback: WritebackHint.start(fd)
        case .sync: try fsyncRetrying(fd, path: path, operation: .sync)
        }
    }

    /// Overwrites part of an existing file; one that does not cover the range is refused, so a
    /// patch never grows a file (or fills a hole) by accident.
    private func patch(_ path: String, _ offset: Int, _ bytes: [UInt8], sync: Bool) throws(FileSystemError) {
        let fd = try open(path, O_WRONLY | O_NOFOLLOW, operation: .write)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(operation: .write, path: path, errno: errno) }
        guard offset >= 0, offset + bytes.count <= Int(info.st_size) else {
            throw FileSystemError(operation: .write, path: path, errno: ErrnoCode.invalidArgument)
        }
        try writeAll(fd, bytes, at: offset, path: path)
        if sync { try fsyncRetrying(fd, path: path, operation: .sync) }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8], at start: Int, path: String) throws(FileSystemError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { posixPwrite(fd, $0.baseAddress! + written, $0.count - written, off_t(start + written)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(operation: .write, path: path, errno: errno)
            }
            written += n
        }
    }

    private func open(_ path: String, _ flags: Int32, operation: FileSystemError.Operation) throws(FileSystemError) -> Int32 {
        while true {
            let fd = posixOpen(path, flags | O_CLOEXEC, mode_t(0o600))
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw FileSystemError(operation: operation, path: path, errno: errno)
        }
    }

    /// fsync retried only on EINTR: any other failure means the data may be lost (after a failed
    /// fsync the kernel may already have dropped the dirty pages), so it is reported, never retried.
    private func fsyncRetrying(_ fd: Int32, path: String, operation: FileSystemError.Operation) throws(FileSystemError) {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw FileSystemError(operation: operation, path: path, errno: errno)
        }
    }
}

// File-scope wrappers: inside the struct, `open`, `read`, `write` and `rename` name its own methods.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func posixPwrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ offset: off_t) -> Int {
    pwrite(fd, buffer, count, offset)
}
private func posixRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
