import BackupCore
import SeedKit
import LightningTypes

/// What a decrypted backup holds: its kind, the network its keys belong to, and its channels.
public struct BackupInspection: Sendable {
    public var kind: BackupKind
    /// The network whose keys opened it (refined by the channels' chain hash).
    public var network: BitcoinNetwork
    public var channels: [SingleBackup]
    /// Channels of a Single version this code does not know (a newer lnd wrote them): shown,
    /// never parsed further, and handed to lnd untouched on restore.
    public var unknownSingles: [UnknownSingle] = []

    /// Every channel, known version or not.
    public var channelCount: Int { channels.count + unknownSingles.count }

    public var summaries: [ChannelSummary] { channels.map(ChannelSummary.init) + unknownSingles.map(ChannelSummary.init) }
}
