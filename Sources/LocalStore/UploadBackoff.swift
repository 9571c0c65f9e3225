import Foundation

/// Delay before retrying an upload after `attempts` consecutive failures: exponential from
/// `initial`, capped at `maximum` (the vault may be unreachable for days; one try per `maximum`
/// is enough then). Deterministic; the agent may add jitter on top.
public struct UploadBackoff: Sendable, Equatable {
    public var initial: TimeInterval
    public var maximum: TimeInterval

    public init(initial: TimeInterval = 5, maximum: TimeInterval = 15 * 60) {
        self.initial = max(0, initial)
        self.maximum = max(self.initial, maximum)
    }

    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        guard attempts > 0 else { return 0 }
        let exponent = Double(min(attempts - 1, 62))
        return min(maximum, initial * pow(2, exponent))
    }
}
