/// ClosedChannels' ChannelCloseSummary: a channel whose close lnd has fully resolved (the fields
/// a recovery needs to prove the outcome).
public struct ClosedChannel: Decodable, Sendable, Equatable {
    public let channelPoint: String
    public let closingTxHash: String
    public let remotePubkey: String
    public let capacity: Int64
    public let closeHeight: UInt32
    public let settledBalance: Int64
    /// COOPERATIVE_CLOSE, LOCAL_FORCE_CLOSE, REMOTE_FORCE_CLOSE, BREACH_CLOSE, FUNDING_CANCELED, ABANDONED.
    public let closeType: ProtoEnumName

    enum CodingKeys: String, CodingKey {
        case channelPoint = "channel_point"
        case closingTxHash = "closing_tx_hash"
        case remotePubkey = "remote_pubkey"
        case capacity
        case closeHeight = "close_height"
        case settledBalance = "settled_balance"
        case closeType = "close_type"
    }

    static let closeTypes: [Int: String] = [
        0: "COOPERATIVE_CLOSE", 1: "LOCAL_FORCE_CLOSE", 2: "REMOTE_FORCE_CLOSE", 3: "BREACH_CLOSE", 4: "FUNDING_CANCELED", 5: "ABANDONED",
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channelPoint = try c.lndString(.channelPoint)
        closingTxHash = try c.lndString(.closingTxHash)
        remotePubkey = try c.lndString(.remotePubkey)
        capacity = try c.lndInt64(.capacity)
        closeHeight = try c.lndUInt32(.closeHeight)
        settledBalance = try c.lndInt64(.settledBalance)
        closeType = try c.lndEnum(.closeType, table: Self.closeTypes)
    }
}

struct ClosedChannelList: Decodable {
    let channels: [ClosedChannel]

    enum CodingKeys: String, CodingKey { case channels }

    init(from decoder: any Decoder) throws {
        channels = try decoder.container(keyedBy: CodingKeys.self).lndArray(.channels)
    }
}
