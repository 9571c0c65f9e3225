import BackupCore

/// The two shapes of an lnd static channel backup: `multi` (`channel.backup`, all channels)
/// and `single` (one exported channel).
public typealias BackupKind = ChannelBackupFile.Kind

extension ChannelBackupFile.Kind: Codable {}
