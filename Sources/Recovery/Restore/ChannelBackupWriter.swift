import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a `channel.backup` the way lnd does (docs/lnd.md §1.4), plus a directory fsync:
/// a temporary file in the same folder, fsync, then a link (no overwrite) or a rename
/// (`force`). The result is either the old file or the complete new one, never a mix.
public enum ChannelBackupWriter {
    public static func write(_ bytes: [UInt8], to path: String, force: Bool) throws {
        if !force && FileManager.default.fileExists(atPath: path) { throw RecoveryError.outputExists(path: path) }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(getpid()).tmp")
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RecoveryError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var written = 0
        var failure: String?
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = String(cString: strerror(errno)); return }
                written += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw RecoveryError.cannotWrite(path: path, reason: failure)
        }
        if force {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw RecoveryError.cannotWrite(path: path, reason: reason)
            }
        } else {
            // link(2) fails if the name appeared meanwhile: an existing file is never replaced.
            let linked = link(temporary, path) == 0
            let code = errno
            unlink(temporary)
            guard linked else {
                if code == EEXIST { throw RecoveryError.outputExists(path: path) }
                throw RecoveryError.cannotWrite(path: path, reason: String(cString: strerror(code)))
            }
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }
}
