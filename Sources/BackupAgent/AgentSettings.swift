public import BackupCore
public import BlobStorage
public import Foundation

/// What the runtime needs, resolved from the TOML file, the environment and the flags
/// (`AgentConfiguration` does the resolving).
public struct AgentSettings: Sendable {
    public var account: AccountID
    public var stateDirectory: String
    /// lnd's chain data directory holding `channel.backup` (watched with inotify), if known.
    public var lndDataDirectory: String?
    /// The name of lnd's backup file in it (lnd.conf's `backupfilepath=` may rename it).
    public var lndBackupFileName = "channel.backup"
    /// The vault blob name of `scb/multi`, remembered from a previous run (nil on a fresh device).
    public var blobName: BlobName?
    public var heartbeatPeriod: Duration
    /// Warn when channels changed and no upload succeeded for this long.
    public var stalenessLimit: TimeInterval
    /// 127.0.0.1 port of the metrics/control endpoint; nil disables it.
    public var controlPort: UInt16?

    public init(
        account: AccountID, stateDirectory: String, lndDataDirectory: String?, blobName: BlobName?,
        heartbeatPeriod: Duration = .seconds(300), stalenessLimit: TimeInterval = 3600, controlPort: UInt16? = nil
    ) {
        self.account = account
        self.stateDirectory = stateDirectory
        self.lndDataDirectory = lndDataDirectory
        self.blobName = blobName
        self.heartbeatPeriod = heartbeatPeriod
        self.stalenessLimit = stalenessLimit
        self.controlPort = controlPort
    }

    public static func blobNamePath(stateDirectory: String) -> String { stateDirectory + "/vault-blob-id" }

    /// The blob name remembered in `stateDirectory`, if any.
    public static func rememberedBlobName(stateDirectory: String) -> BlobName? {
        guard let data = FileManager.default.contents(atPath: blobNamePath(stateDirectory: stateDirectory)) else { return nil }
        return try? BlobName(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
