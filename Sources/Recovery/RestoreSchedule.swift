/// How long restore waits and how often it retries; every loop is bounded.
public struct RestoreSchedule: Sendable {
    /// GetState polls while waiting for SERVER_ACTIVE, and the longest pause between them (the
    /// first pauses are shorter: see `serverPollPause`).
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

    /// The pause after poll number `poll` (from 0): 100 ms doubling up to `serverPollInterval`.
    /// lnd is often ready within a second of InitWallet; a flat 5 s pause made every restore
    /// wait 5 s for nothing (benchmarks/recovery-1000.sh).
    public func serverPollPause(after poll: Int) -> Duration {
        min(serverPollInterval, .milliseconds(100) * (1 << min(max(poll, 0), 16)))
    }
}
