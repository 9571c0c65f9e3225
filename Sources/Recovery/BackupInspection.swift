import BackupCore
import SeedKit

/// What a decrypted backup holds: its kind, the network its keys belong to, and its channels.
public struct BackupInspection: Sendable {
    public var kind: BackupKind
    /// The network whose keys opened it (refined by the channels' chain hash).
    public var network: BitcoinNetwork
    public var channels: [SingleBackup]

    public var summaries: [ChannelSummary] { channels.map(ChannelSummary.init) }
}
