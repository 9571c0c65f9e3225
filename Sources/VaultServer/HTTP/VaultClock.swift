import BlobStorage
import Foundation

/// The server's clock, injectable so tests can move time (release windows, stale timestamps).
public struct VaultClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func milliseconds() -> Int64 { now().unixMilliseconds }
    public func seconds() -> Double { now().timeIntervalSince1970 }

    public static let system = VaultClock()
}
