#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Sodium

/// The response key's file: exactly 32 raw bytes (the Ed25519 seed), readable by the vault's
/// user only. Anyone who reads it can sign answers as the vault.
enum ResponseKeyFile {
    static func read(_ path: String) throws -> SecureBytes {
        var info = stat()
        guard stat(path, &info) == 0 else { throw problem(path, "cannot be read: \(String(cString: strerror(errno)))") }
        guard info.st_mode & 0o077 == 0 else {
            throw problem(path, "is readable by other users: chmod 600 \(path) (it holds the key that signs the vault's answers)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw problem(path, "cannot be read: check its owner") }
        var bytes = [UInt8](data)
        defer { SecureBytes.zero(&bytes) }
        guard bytes.count == 32 else {
            throw problem(path, "must hold exactly 32 bytes (an Ed25519 seed), it has \(bytes.count): restore it from your backup, or make a new one (head -c 32 /dev/urandom) and let every device re-record the key (docs/vault-api.md \"Signed responses\")")
        }
        return try SecureBytes(copying: bytes)
    }

    /// Writes a temporary file, fsyncs it, and links it into place: the key appears whole or not
    /// at all, and an existing key (another process won the race) is never replaced.
    static func create(_ path: String, seed: SecureBytes) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw problem(temporary, "cannot be created: \(String(cString: strerror(errno)))") }
        defer { unlink(temporary) }
        let written = seed.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == seed.count, synced else { throw problem(temporary, "cannot be written: check free space") }
        guard link(temporary, path) == 0 || errno == EEXIST else {
            throw problem(path, "cannot be created: \(String(cString: strerror(errno)))")
        }
    }

    private static func problem(_ path: String, _ what: String) -> VaultConfigurationError {
        VaultConfigurationError("response_key_file \(path) \(what)")
    }
}
