/// A channel lnd knows (ListChannels or PendingChannels), as restore, status and force-close need it.
public struct LNDChannel: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// Open (ListChannels).
        case open
        /// Funding not yet confirmed.
        case pendingOpen = "pending_open"
        /// Waiting for a closing transaction to confirm (restored channels sit here until the peer closes).
        case waitingClose = "waiting_close"
        /// Force-closed; funds time-locked until maturity.
        case pendingForceClose = "pending_force_close"
        /// Cooperatively closing.
        case closing
        /// Fully resolved: listed by ClosedChannels, no longer by ListChannels or PendingChannels.
        case closed
    }

    /// "<display txid>:<index>".
    public var channelPoint: String
    public var remotePubkey: String
    public var state: State
    public var capacitySat: Int64
    public var localBalanceSat: Int64
    /// For open channels: whether the peer is online and the channel usable.
    public var active: Bool
    /// The closing transaction, once lnd knows one (display hex).
    public var closingTxid: String?
    /// Funds lnd expects back that are still locked (pending force-close `limbo_balance`).
    public var limboBalanceSat: Int64
    /// The height at which time-locked funds mature, if any.
    public var maturityHeight: Int64?
    /// lnd marks channels it created from a backup (`ChanStatusRestored`).
    public var restoredFromBackup: Bool

    public init(channelPoint: String, remotePubkey: String, state: State, capacitySat: Int64 = 0, localBalanceSat: Int64 = 0,
                active: Bool = false, closingTxid: String? = nil, limboBalanceSat: Int64 = 0, maturityHeight: Int64? = nil,
                restoredFromBackup: Bool = false) {
        self.channelPoint = channelPoint
        self.remotePubkey = remotePubkey
        self.state = state
        self.capacitySat = capacitySat
        self.localBalanceSat = localBalanceSat
        self.active = active
        self.closingTxid = closingTxid
        self.limboBalanceSat = limboBalanceSat
        self.maturityHeight = maturityHeight
        self.restoredFromBackup = restoredFromBackup
    }
}
