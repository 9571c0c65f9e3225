/// Exponential backoff with jitter for 5xx answers and network failures (never for 4xx:
/// those need a different request, not the same one again).
public struct RetryPolicy: Sendable {
    /// Total attempts, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest Retry-After the client will honour; a longer one fails the call instead
    /// (the caller's upload queue then retries much later).
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
                maxRetryAfter: Duration = .seconds(120)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static let standard = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// "Equal jitter": half the exponential step fixed, half random, so retries from many
    /// devices after an outage spread out but never collapse to zero.
    /// `attempt` counts from 1 (the delay before the second attempt). `random` is in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let step = min(maxDelay, baseDelay * (1 << exponent))
        return step / 2 + (step / 2) * min(max(random, 0), 1)
    }
}
