import LightningTypes

/// An open channel (lnrpc.Channel): the fields a backup agent reports.
public struct Channel: Decodable, Sendable {
    public let active: Bool
    public let remotePubkey: String
    /// "txid:index" as lnd prints it.
    public let channelPoint: String
    public let chanID: UInt64
    public let capacity: Int64
    public let localBalance: Int64
    public let remoteBalance: Int64
    public let isPrivate: Bool
    public let initiator: Bool
    public let chanStatusFlags: String
    public let commitmentType: ProtoEnumName
    public let thawHeight: UInt32
    public let zeroConf: Bool
    public let peerAlias: String

    enum CodingKeys: String, CodingKey {
        case active
        case remotePubkey = "remote_pubkey"
        case channelPoint = "channel_point"
        case chanID = "chan_id"
        case capacity
        case localBalance = "local_balance"
        case remoteBalance = "remote_balance"
        case isPrivate = "private"
        case initiator
        case chanStatusFlags = "chan_status_flags"
        case commitmentType = "commitment_type"
        case thawHeight = "thaw_height"
        case zeroConf = "zero_conf"
        case peerAlias = "peer_alias"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        active = try c.lndBool(.active)
        remotePubkey = try c.lndString(.remotePubkey)
        channelPoint = try c.lndString(.channelPoint)
        chanID = try c.lndUInt64(.chanID)
        capacity = try c.lndInt64(.capacity)
        localBalance = try c.lndInt64(.localBalance)
        remoteBalance = try c.lndInt64(.remoteBalance)
        isPrivate = try c.lndBool(.isPrivate)
        initiator = try c.lndBool(.initiator)
        chanStatusFlags = try c.lndString(.chanStatusFlags)
        commitmentType = try c.lndEnum(.commitmentType, table: ProtoEnumName.commitmentTypes)
        thawHeight = try c.lndUInt32(.thawHeight)
        zeroConf = try c.lndBool(.zeroConf)
        peerAlias = try c.lndString(.peerAlias)
    }

    /// The parsed funding outpoint.
    public func outpoint() throws(LNDError) -> ChannelPoint {
        do {
            return try ChannelPoint(parsing: channelPoint)
        } catch {
            throw .invalidResponse("lnd sent channel_point \"\(channelPoint)\": \(error)")
        }
    }
}

/// ListChannelsResponse.
struct ChannelList: Decodable {
    let channels: [Channel]

    enum CodingKeys: String, CodingKey { case channels }

    init(from decoder: any Decoder) throws {
        channels = try decoder.container(keyedBy: CodingKeys.self).lndArray(.channels)
    }
}
