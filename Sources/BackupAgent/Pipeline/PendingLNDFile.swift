import Foundation

/// A local copy of lnd's `channel.backup` (still lnd-encrypted) taken while no keys were
/// available, written crash-safely; sealed and removed once the keys can be derived again.
public struct PendingLNDFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Replaces the kept copy with `bytes` (write, fsync, rename, directory fsync).
    public func keep(_ bytes: [UInt8]) throws {
        try DurableFile.write(bytes, to: path)
    }

    public func load() throws -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentError.io("cannot read \(path): check its permissions")
        }
        return [UInt8](data)
    }

    public func clear() throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw AgentError.io("cannot remove \(path): \(error)")
        }
    }
}
