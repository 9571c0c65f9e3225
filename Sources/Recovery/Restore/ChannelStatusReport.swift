/// `casa-recover status`: where each channel restore worked on stands, by lnd's own lists
/// (docs/recover-cli.md, "What restore proves").
public struct ChannelStatusReport: Codable, Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var channelPoint: String
        public var status: ChannelRestoreResult.Status
        public var proven: Bool
        /// lnd's own state for it (nil: lnd does not list it).
        public var lndState: LNDChannel.State?
        public var closingTxid: String?
        public var limboBalanceSat: Int64
        public var maturityHeight: Int64?
        public var remotePubkey: String?
        public var reason: String

        enum CodingKeys: String, CodingKey {
            case channelPoint = "channel_point"
            case status, proven, reason
            case lndState = "lnd_state"
            case closingTxid = "closing_txid"
            case limboBalanceSat = "limbo_balance_sat"
            case maturityHeight = "maturity_height"
            case remotePubkey = "remote_pubkey"
        }
    }

    public var channels: [Entry]
    /// Sum of lnd's limbo balances: funds on their way back but still locked.
    public var fundsExpectedBackSat: Int64
    /// True when at least one channel is tracked and every one has a proven outcome (lnd acted
    /// on its close on chain, resolved it, or had it before the restore). Nothing tracked is
    /// never done: there is nothing to prove.
    public var done: Bool
    /// True when every tracked channel is fully resolved (funds swept) or was already present.
    public var swept: Bool

    /// - Parameters:
    ///   - tracked: restore's state, by channel point (nil: every channel lnd is closing).
    ///   - peers: the peers connected now.
    public init(lndChannels: [LNDChannel], tracked: [String: ChannelProgress]?, peers: Set<String>) {
        let byPoint = Dictionary(lndChannels.map { ($0.channelPoint, $0) }, uniquingKeysWith: { a, _ in a })
        let points = tracked.map { $0.keys.sorted() }
            ?? lndChannels.filter { $0.state == .waitingClose || $0.state == .pendingForceClose || $0.state == .closing }.map(\.channelPoint)
        channels = points.map { point in
            let channel = byPoint[point]
            let progress = tracked?[point]
            let status: ChannelRestoreResult.Status
            var reason: String
            if progress?.alreadyPresent == true {
                status = .alreadyPresent
                reason = ChannelStatusOutcome.reason(status, channel: channel)
            } else if let progress, !progress.restored {
                status = .stuck
                reason = progress.lastError ?? "not restored"
            } else {
                let peer = progress?.remotePubkey ?? channel?.remotePubkey
                status = ChannelStatusOutcome.status(of: channel, peerConnected: peer.map(peers.contains) ?? false,
                                                     askedDirectly: progress?.escalation?.requested == true)
                reason = ChannelStatusOutcome.reason(status, channel: channel)
                if status == .askedDirectly, let answer = progress?.escalation?.outcome { reason += " (the peer answered: \(answer))" }
            }
            return Entry(channelPoint: point, status: status, proven: status.isProven, lndState: channel?.state,
                         closingTxid: channel?.closingTxid, limboBalanceSat: channel?.limboBalanceSat ?? 0,
                         maturityHeight: channel?.maturityHeight, remotePubkey: progress?.remotePubkey ?? channel?.remotePubkey,
                         reason: reason)
        }
        fundsExpectedBackSat = channels.reduce(0) { $0 + $1.limboBalanceSat }
        done = !channels.isEmpty && channels.allSatisfy(\.proven)
        swept = !channels.isEmpty && channels.allSatisfy { $0.status == .closed || $0.status == .alreadyPresent }
    }

    enum CodingKeys: String, CodingKey {
        case channels, done, swept
        case fundsExpectedBackSat = "funds_expected_back_sat"
    }
}
