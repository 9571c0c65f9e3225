import Foundation

/// The state file: JSON, mode 0600, replaced atomically (`ChannelBackupWriter`) at every save.
public struct RestoreStateFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The saved state, or nil when there is none yet.
    public func load() throws -> RestoreState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(RestoreState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw RecoveryError.cannotReadFile(path: path, reason: "it is not a restore state file (\(error)); move it away to start over")
        }
    }

    public func save(_ state: RestoreState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try ChannelBackupWriter.write(Array(try encoder.encode(state)), to: path, force: true)
    }
}
