/// What restore has done for one channel so far (persisted in the state file).
public struct ChannelProgress: Codable, Sendable, Equatable {
    /// lnd accepted its Single (RestoreChannelBackups).
    public var restored = false
    /// lnd already had it before we started: never restored again.
    public var alreadyPresent = false
    /// ConnectPeer rounds so far, across runs.
    public var connectAttempts = 0
    public var escalation: EscalationResult?
    /// The last failure, for the summary.
    public var lastError: String?
    /// The peer's node key (hex), so that `status` can say whether it is connected. Optional:
    /// state files written before it lack it.
    public var remotePubkey: String?
    /// Where the peer was reached ("host:port (from the backup | from the graph | from --peer)"),
    /// once it was.
    public var reachedVia: String?
    /// The snapshot whose Single was restored when the chosen one's was lnd's unrestorable
    /// re-export of a restored channel (D1).
    public var singleFrom: String?

    public init() {}
}
