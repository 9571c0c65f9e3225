/// `casa-recover status`: the channels lnd is closing (restored or force-closed), what is still
/// locked, and whether it is over (docs/recover-cli.md).
public struct ChannelStatusReport: Codable, Sendable {
    public var channels: [LNDChannel]
    /// Channels named in the restore state file that lnd no longer lists: fully resolved.
    public var resolved: [String]
    public var waitingClose: Int
    public var pendingForceClose: Int
    /// Sum of lnd's limbo balances: funds on their way back but still locked.
    public var fundsExpectedBackSat: Int64
    /// True when nothing is waiting for a close or a timelock any more.
    public var done: Bool

    /// - Parameter tracked: channel points restore worked on (nil: every closing channel lnd has).
    public init(lndChannels: [LNDChannel], tracked: Set<String>?) {
        let closing = lndChannels.filter { $0.state != .open && $0.state != .pendingOpen }
        channels = tracked.map { points in closing.filter { points.contains($0.channelPoint) } } ?? closing
        let listed = Set(lndChannels.map(\.channelPoint))
        resolved = tracked.map { $0.subtracting(listed).sorted() } ?? []
        waitingClose = channels.filter { $0.state == .waitingClose }.count
        pendingForceClose = channels.filter { $0.state == .pendingForceClose }.count
        fundsExpectedBackSat = channels.reduce(0) { $0 + $1.limboBalanceSat }
        done = channels.isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case channels, resolved, done
        case waitingClose = "waiting_close"
        case pendingForceClose = "pending_force_close"
        case fundsExpectedBackSat = "funds_expected_back_sat"
    }
}
