/// PendingChannelsResponse. Restored channels (after an SCB restore) appear in
/// `waitingClose` with zero balances until the peer's force close confirms (lnd #6555).
public struct PendingChannels: Decodable, Sendable {
    /// PendingChannelsResponse.PendingChannel.
    public struct PendingChannel: Decodable, Sendable {
        public let remoteNodePub: String
        public let channelPoint: String
        public let capacity: Int64
        public let localBalance: Int64
        public let remoteBalance: Int64
        public let initiator: ProtoEnumName
        public let commitmentType: ProtoEnumName
        public let chanStatusFlags: String
        public let isPrivate: Bool

        enum CodingKeys: String, CodingKey {
            case remoteNodePub = "remote_node_pub"
            case channelPoint = "channel_point"
            case capacity
            case localBalance = "local_balance"
            case remoteBalance = "remote_balance"
            case initiator
            case commitmentType = "commitment_type"
            case chanStatusFlags = "chan_status_flags"
            case isPrivate = "private"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            remoteNodePub = try c.lndString(.remoteNodePub)
            channelPoint = try c.lndString(.channelPoint)
            capacity = try c.lndInt64(.capacity)
            localBalance = try c.lndInt64(.localBalance)
            remoteBalance = try c.lndInt64(.remoteBalance)
            initiator = try c.lndEnum(.initiator, table: ProtoEnumName.initiators)
            commitmentType = try c.lndEnum(.commitmentType, table: ProtoEnumName.commitmentTypes)
            chanStatusFlags = try c.lndString(.chanStatusFlags)
            isPrivate = try c.lndBool(.isPrivate)
        }
    }

    /// A pending channel with the fields common to every pending list entry.
    public struct Entry: Decodable, Sendable {
        public let channel: PendingChannel?
        /// Empty for pending opens.
        public let closingTxid: String
        public let limboBalance: Int64

        enum CodingKeys: String, CodingKey {
            case channel
            case closingTxid = "closing_txid"
            case limboBalance = "limbo_balance"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            channel = try c.lndMessage(.channel)
            closingTxid = try c.lndString(.closingTxid)
            limboBalance = try c.lndInt64(.limboBalance)
        }
    }

    public let totalLimboBalance: Int64
    public let pendingOpen: [Entry]
    public let pendingForceClosing: [Entry]
    public let waitingClose: [Entry]

    enum CodingKeys: String, CodingKey {
        case totalLimboBalance = "total_limbo_balance"
        case pendingOpen = "pending_open_channels"
        case pendingForceClosing = "pending_force_closing_channels"
        case waitingClose = "waiting_close_channels"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        totalLimboBalance = try c.lndInt64(.totalLimboBalance)
        pendingOpen = try c.lndArray(.pendingOpen)
        pendingForceClosing = try c.lndArray(.pendingForceClosing)
        waitingClose = try c.lndArray(.waitingClose)
    }
}
