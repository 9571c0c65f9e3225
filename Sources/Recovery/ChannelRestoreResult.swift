/// One channel in restore's summary: where it stands, why, and what to do next.
public struct ChannelRestoreResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// The peer has (or is asked to have) closed it; funds come back on chain.
        case closing
        /// The peer is offline or unknown; restore keeps trying on the next run.
        case waitingForPeer = "waiting_for_peer"
        /// lnd already had this channel; it was left alone.
        case alreadyPresent = "already_present"
        case failed
    }

    public var channelPoint: String
    public var remotePubkey: String
    public var capacitySat: UInt64
    public var status: Status
    public var closingTxid: String?
    public var reason: String
    public var nextStep: String

    enum CodingKeys: String, CodingKey {
        case channelPoint = "channel_point"
        case remotePubkey = "remote_pubkey"
        case capacitySat = "capacity_sat"
        case status
        case closingTxid = "closing_txid"
        case reason
        case nextStep = "next_step"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channelPoint, forKey: .channelPoint)
        try c.encode(remotePubkey, forKey: .remotePubkey)
        try c.encode(capacitySat, forKey: .capacitySat)
        try c.encode(status, forKey: .status)
        try c.encode(closingTxid, forKey: .closingTxid)
        try c.encode(reason, forKey: .reason)
        try c.encode(nextStep, forKey: .nextStep)
    }
}
