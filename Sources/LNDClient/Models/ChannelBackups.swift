import LightningTypes

/// One channel's encrypted Single backup (lnrpc.ChannelBackup).
public struct ChannelBackup: Codable, Hashable, Sendable {
    public let channelPoint: ChannelPoint
    /// lnd's encrypted Single (docs/lnd.md §1.1, §1.3).
    public let backup: [UInt8]

    public init(channelPoint: ChannelPoint, backup: [UInt8]) {
        self.channelPoint = channelPoint
        self.backup = backup
    }

    enum CodingKeys: String, CodingKey {
        case chanPoint = "chan_point"
        case chanBackup = "chan_backup"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let point = try c.lndMessage(.chanPoint, of: ChannelPoint.self) else {
            throw DecodingError.keyNotFound(CodingKeys.chanPoint, .init(codingPath: decoder.codingPath, debugDescription: "a channel backup without chan_point"))
        }
        channelPoint = point
        backup = try c.lndBytes(.chanBackup)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channelPoint, forKey: .chanPoint)
        try c.lndEncode(bytes: backup, forKey: .chanBackup)
    }
}

/// The Multi backup of every channel (lnrpc.MultiChanBackup): byte-identical in format to channel.backup.
public struct MultiChannelBackup: Codable, Hashable, Sendable {
    public let channelPoints: [ChannelPoint]
    public let backup: [UInt8]

    public init(channelPoints: [ChannelPoint], backup: [UInt8]) {
        self.channelPoints = channelPoints
        self.backup = backup
    }

    enum CodingKeys: String, CodingKey {
        case chanPoints = "chan_points"
        case multiChanBackup = "multi_chan_backup"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channelPoints = try c.lndArray(.chanPoints)
        backup = try c.lndBytes(.multiChanBackup)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channelPoints, forKey: .chanPoints)
        try c.lndEncode(bytes: backup, forKey: .multiChanBackup)
    }
}

/// ExportAllChannelBackups / SubscribeChannelBackups result (lnrpc.ChanBackupSnapshot).
/// The singles come in no particular order (lnd iterates a map).
public struct ChannelBackupSnapshot: Codable, Hashable, Sendable {
    public let singles: [ChannelBackup]
    public let multi: MultiChannelBackup?

    public init(singles: [ChannelBackup], multi: MultiChannelBackup?) {
        self.singles = singles
        self.multi = multi
    }

    enum CodingKeys: String, CodingKey {
        case singleChanBackups = "single_chan_backups"
        case multiChanBackup = "multi_chan_backup"
    }

    /// lnrpc.ChannelBackups wraps the list in an object.
    struct Singles: Codable {
        let chanBackups: [ChannelBackup]

        enum CodingKeys: String, CodingKey { case chanBackups = "chan_backups" }

        init(_ backups: [ChannelBackup]) {
            chanBackups = backups
        }

        init(from decoder: any Decoder) throws {
            chanBackups = try decoder.container(keyedBy: CodingKeys.self).lndArray(.chanBackups)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        singles = try c.lndMessage(.singleChanBackups, of: Singles.self)?.chanBackups ?? []
        multi = try c.lndMessage(.multiChanBackup)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // lnd's VerifyChanBackup refuses a request with both members set, even an empty list.
        if !singles.isEmpty { try c.encode(Singles(singles), forKey: .singleChanBackups) }
        try c.encodeIfPresent(multi, forKey: .multiChanBackup)
    }
}
