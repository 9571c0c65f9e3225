import BackupCore

/// The last resort for a restored channel whose peer never reconnects or ignores lnd's data-loss
/// message: ask the peer directly to force-close (docs/force-close.md).
public protocol ForceCloseEscalation: Sendable {
    func escalate(_ channel: SingleBackup, addresses: [String]) async -> EscalationResult
}

/// What the escalation achieved for one channel.
public struct EscalationResult: Sendable, Codable, Equatable {
    /// True when the peer took the request (error received, hung up as lnd does, or the close is seen).
    public var requested: Bool
    /// The trigger's outcome name (e.g. `errorReceived`, `unreachable`).
    public var outcome: String
    public var advice: String

    public init(requested: Bool, outcome: String, advice: String) {
        self.requested = requested
        self.outcome = outcome
        self.advice = advice
    }
}
