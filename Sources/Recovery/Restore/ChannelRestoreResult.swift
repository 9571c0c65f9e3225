/// One channel in restore's summary: where it stands, why, and what to do next.
public struct ChannelRestoreResult: Codable, Sendable, Equatable {
    /// What is known about a channel, from the weakest to the strongest evidence. Only
    /// `confirmed`, `closed` and `alreadyPresent` are proven outcomes (docs/recover-cli.md,
    /// "What restore proves"): lnd itself has seen the close on chain, deep enough to act on it.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// lnd restored it; the peer is offline or unknown; lnd keeps reconnecting.
        case waitingForPeer = "waiting_for_peer"
        /// The peer is connected, so lnd asked it to force-close (data-loss reestablish); no
        /// close is seen yet. Real lnd shows nothing before 3 or more confirmations.
        case peerConnected = "peer_connected"
        /// `--escalate`: casa asked the peer directly; no close is seen yet.
        case askedDirectly = "asked_directly"
        /// lnd knows a closing transaction (waiting_close_channels with a txid) that is not
        /// deep enough for lnd to act on.
        case closeSeen = "close_seen"
        /// lnd acted on the close (pending_force_closing_channels, with the txid): our funds
        /// are being swept or are time-locked.
        case confirmed
        /// lnd fully resolved the close (ClosedChannels, with the txid): the funds are home.
        case closed
        /// lnd already had this channel before the restore; it was left alone.
        case alreadyPresent = "already_present"
        /// Not restored (lnd refused it, or no address for the peer): the reason says why.
        case stuck

        /// True when lnd's own lists prove the outcome.
        public var isProven: Bool { self == .confirmed || self == .closed || self == .alreadyPresent }

        /// Before issue 15 a channel was "closing" when its peer was merely connected. Kept so
        /// that older callers compile; it means no more than `peerConnected`.
        @available(*, deprecated, message: "a connected peer proves nothing: use ChannelStatusOutcome")
        public static var closing: Status { .peerConnected }
        @available(*, deprecated, renamed: "stuck")
        public static var failed: Status { .stuck }
    }

    public var channelPoint: String
    public var remotePubkey: String
    public var capacitySat: UInt64
    public var status: Status
    public var closingTxid: String?
    /// Where the peer was reached, and from which source: the backup, the graph or `--peer`.
    public var reachedVia: String?
    /// Set when the Single came from an older snapshot (the chosen one's was unrestorable: D1).
    public var singleFrom: String?
    public var reason: String
    public var nextStep: String

    public init(channelPoint: String, remotePubkey: String, capacitySat: UInt64, status: Status, closingTxid: String?,
                reason: String, nextStep: String, reachedVia: String? = nil, singleFrom: String? = nil) {
        self.reachedVia = reachedVia
        self.singleFrom = singleFrom
        self.channelPoint = channelPoint
        self.remotePubkey = remotePubkey
        self.capacitySat = capacitySat
        self.status = status
        self.closingTxid = closingTxid
        self.reason = reason
        self.nextStep = nextStep
    }

    enum CodingKeys: String, CodingKey {
        case channelPoint = "channel_point"
        case remotePubkey = "remote_pubkey"
        case capacitySat = "capacity_sat"
        case status
        case proven
        case closingTxid = "closing_txid"
        case reachedVia = "reached_via"
        case singleFrom = "single_from"
        case reason
        case nextStep = "next_step"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channelPoint = try c.decode(String.self, forKey: .channelPoint)
        remotePubkey = try c.decode(String.self, forKey: .remotePubkey)
        capacitySat = try c.decode(UInt64.self, forKey: .capacitySat)
        status = try c.decode(Status.self, forKey: .status)
        closingTxid = try c.decodeIfPresent(String.self, forKey: .closingTxid)
        reachedVia = try c.decodeIfPresent(String.self, forKey: .reachedVia)
        singleFrom = try c.decodeIfPresent(String.self, forKey: .singleFrom)
        reason = try c.decode(String.self, forKey: .reason)
        nextStep = try c.decode(String.self, forKey: .nextStep)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channelPoint, forKey: .channelPoint)
        try c.encode(remotePubkey, forKey: .remotePubkey)
        try c.encode(capacitySat, forKey: .capacitySat)
        try c.encode(status, forKey: .status)
        try c.encode(status.isProven, forKey: .proven)
        try c.encode(closingTxid, forKey: .closingTxid)
        try c.encode(reachedVia, forKey: .reachedVia)
        try c.encode(singleFrom, forKey: .singleFrom)
        try c.encode(reason, forKey: .reason)
        try c.encode(nextStep, forKey: .nextStep)
    }
}
