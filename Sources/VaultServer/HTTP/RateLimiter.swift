import Synchronization

/// Token buckets by key (an account or a client address), per process.
/// Memory is bounded: buckets that have refilled completely are forgotten.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let rate: Double
    private let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(ratePerSecond: Double, burst: Double) {
        self.rate = ratePerSecond
        self.burst = burst
    }

    /// Whole seconds until `key` has a token at `now` (seconds), without taking one; nil: it has one.
    public func wait(_ key: String, now: Double) -> Int? {
        buckets.withLock { buckets in
            guard let bucket = buckets[key] else { return nil }
            let tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * rate)
            return tokens >= 1 ? nil : max(1, Int(((1 - tokens) / rate).rounded(.up)))
        }
    }

    /// Takes one token for `key` at `now` (seconds); returns nil if allowed, else whole seconds to wait.
    public func take(_ key: String, now: Double) -> Int? {
        buckets.withLock { buckets in
            if buckets.count > 10_000 {
                buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * rate < burst }
            }
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * rate)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return nil
        }
    }
}
