/// How long restore waits and how often it retries; every loop is bounded.
public struct RestoreSchedule: Sendable {
    /// GetState polls while waiting for SERVER_ACTIVE, and the pause between them.
    public var serverPolls: Int
    public var serverPollInterval: Duration
    /// Pauses between reconnect rounds (rounds = pauses + 1).
    public var reconnectPauses: [Duration]
    /// Connect rounds (over all runs) after which a channel still waiting is escalated.
    public var escalateAfterAttempts: Int

    public init(serverPolls: Int = 360, serverPollInterval: Duration = .seconds(5),
                reconnectPauses: [Duration] = [.seconds(15), .seconds(60), .seconds(180)], escalateAfterAttempts: Int = 4) {
        self.serverPolls = serverPolls
        self.serverPollInterval = serverPollInterval
        self.reconnectPauses = reconnectPauses
        self.escalateAfterAttempts = escalateAfterAttempts
    }
}
