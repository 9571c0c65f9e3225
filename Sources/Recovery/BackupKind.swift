/// The two shapes of an lnd static channel backup.
public enum BackupKind: String, Sendable, CaseIterable, Codable {
    /// `channel.backup`: all channels (`multi_chan_backup` over REST).
    case multi
    /// One exported channel (`chan_backup` over REST).
    case single
}
