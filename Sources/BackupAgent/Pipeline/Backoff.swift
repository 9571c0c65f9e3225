/// Exponential backoff with a cap, for reconnecting to lnd and retrying the vault.
public struct Backoff: Sendable, Equatable {
    public let initial: Duration
    public let maximum: Duration
    public private(set) var attempts = 0

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(60)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before the next attempt; doubles each time up to `maximum`.
    public mutating func next() -> Duration {
        let factor = 1 << min(attempts, 30)
        attempts += 1
        let delay = initial * factor
        return delay < maximum ? delay : maximum
    }

    /// After a success.
    public mutating func reset() {
        attempts = 0
    }
}
