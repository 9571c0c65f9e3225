/// How long restore waits and how often it retries.
public struct RestoreSchedule: Sendable {
    /// The longest pause between GetState polls while lnd is not ready (the first pauses are
    /// shorter: see `serverPollPause`).
    public var serverPollInterval: Duration
    /// How long to wait for lnd to become ready before stopping with exit 75 (the state is kept;
    /// a re-run resumes). nil, the default: wait as long as lnd needs, since a real lnd can sit in
    /// RPC_ACTIVE for hours while it rescans the chain (D8).
    public var serverWaitLimit: Duration?
    /// How often a wait for lnd says again where lnd stands, when nothing changed.
    public var serverProgressEvery: Duration
    /// Pauses between reconnect rounds (rounds = pauses + 1).
    public var reconnectPauses: [Duration]
    /// Connect rounds (over all runs) after which a channel still waiting is escalated (`--escalate` only).
    public var escalateAfterAttempts: Int

    public init(serverPollInterval: Duration = .seconds(5), serverWaitLimit: Duration? = nil, serverProgressEvery: Duration = .seconds(60),
                reconnectPauses: [Duration] = [.seconds(15), .seconds(60), .seconds(180)], escalateAfterAttempts: Int = 4) {
        self.serverPollInterval = serverPollInterval
        self.serverWaitLimit = serverWaitLimit
        self.serverProgressEvery = serverProgressEvery
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
