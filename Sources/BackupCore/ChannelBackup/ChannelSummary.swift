import LightningTypes

/// The per-channel view `casa-recover inspect` prints (one row, or one JSON object in
/// `channels`). JSON keys are snake_case; `lease_expiry` is null unless version 4.
public struct ChannelSummary: Hashable, Sendable, Codable {
    /// `"<display txid>:<vout>"`.
    public var channelPoint: String
    public var capacitySat: UInt64
    public var version: UInt8
    public var hasCloseTx: Bool
    /// `SingleBackupVersion.commitmentName`.
    public var commitment: String
    public var remotePubkey: String
    /// `"<block>x<tx>x<output>"`.
    public var shortChannelID: String
    /// `host:port` of each dialable address (padding and opaque entries are left out).
    public var addresses: [String]
    public var initiator: Bool
    public var leaseExpiry: UInt32?

    public init(_ single: SingleBackup) {
        channelPoint = single.fundingOutpoint.description
        capacitySat = single.capacity
        version = single.version.rawValue
        hasCloseTx = single.hasCloseTx
        commitment = single.version.commitmentName
        remotePubkey = single.remoteNodePublicKey.hex
        shortChannelID = single.shortChannelID.description
        addresses = single.addresses.compactMap(\.hostPort)
        initiator = single.isInitiator
        leaseExpiry = single.leaseExpiry
    }

    /// A channel of a Single version this code does not know: what its shared prefix shows,
    /// and `commitment` says it goes to lnd untouched.
    public init(_ unknown: UnknownSingle) {
        channelPoint = unknown.fundingOutpoint?.description ?? "unknown"
        capacitySat = unknown.capacity ?? 0
        version = unknown.version
        hasCloseTx = unknown.hasCloseTx
        commitment = unknown.explanation
        remotePubkey = unknown.remoteNodePublicKey?.hex ?? "unknown"
        shortChannelID = "unknown"
        addresses = []
        initiator = false
        leaseExpiry = nil
    }

    enum CodingKeys: String, CodingKey {
        case channelPoint = "channel_point"
        case capacitySat = "capacity_sat"
        case version
        case hasCloseTx = "has_close_tx"
        case commitment
        case remotePubkey = "remote_pubkey"
        case shortChannelID = "short_channel_id"
        case addresses
        case initiator
        case leaseExpiry = "lease_expiry"
    }

    /// Encodes every key, `lease_expiry` as null when absent (the synthesized encoder would omit it).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channelPoint, forKey: .channelPoint)
        try c.encode(capacitySat, forKey: .capacitySat)
        try c.encode(version, forKey: .version)
        try c.encode(hasCloseTx, forKey: .hasCloseTx)
        try c.encode(commitment, forKey: .commitment)
        try c.encode(remotePubkey, forKey: .remotePubkey)
        try c.encode(shortChannelID, forKey: .shortChannelID)
        try c.encode(addresses, forKey: .addresses)
        try c.encode(initiator, forKey: .initiator)
        try c.encode(leaseExpiry, forKey: .leaseExpiry)
    }
}
