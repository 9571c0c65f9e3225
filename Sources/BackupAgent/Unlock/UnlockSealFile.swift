public import Foundation
public import Sodium
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The local half of sealed auto-unlock on disk (docs/design.md §6.1): `<state_dir>/unlock.seal`,
/// mode 0600, owned by the agent's user. It holds the local share and the sealed password; the
/// vault share is never written to disk.
public struct UnlockSealFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public init(stateDirectory: String) {
        self.init(path: stateDirectory + "/unlock.seal")
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The file's permission bits, or nil when it does not exist.
    public var mode: Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o7777)
    }

    /// A problem with the file's permissions, worth a warning: anything beyond owner read/write.
    public var permissionProblem: String? {
        guard let mode, mode & 0o077 != 0 else { return nil }
        return "\(path) has mode \(String(mode, radix: 8)); it must be 0600 (chmod 600 \(path)): anyone who can read it holds half of the seal"
    }

    /// Writes the sealed file crash-safely with mode 0600.
    public func write(_ sealed: SecureBytes) throws {
        var bytes = sealed.unsafeCopy()
        defer { SecureBytes.zero(&bytes) }
        try DurableFile.write(bytes, to: path, mode: 0o600)
    }

    /// Reads the file into secure memory; nil when it does not exist.
    public func read() throws -> SecureBytes? {
        guard exists else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentError.io("cannot read \(path): check that the agent runs as the user that ran `casa-backupd unlock setup`")
        }
        var bytes = [UInt8](data)
        defer { SecureBytes.zero(&bytes) }
        return try SecureBytes(copying: bytes)
    }

    /// The seal of a rotation in progress (`UnlockRotation`): written before the vault gets its
    /// new share, made the current seal once the vault has it.
    public var next: UnlockSealFile { UnlockSealFile(path: path + ".next") }

    /// Makes the rotation's seal the current one (durable rename).
    public func promote(_ next: UnlockSealFile) throws {
        try DurableFile.renameDurably(next.path, over: path)
    }

    /// Removes the file (and a leftover temporary); true when something was removed.
    @discardableResult
    public func remove() throws -> Bool {
        try? FileManager.default.removeItem(atPath: path + ".tmp")
        if !path.hasSuffix(".next") { try? next.remove() }
        guard exists else { return false }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw AgentError.io("cannot remove \(path): \(error.localizedDescription)")
        }
        return true
    }
}
