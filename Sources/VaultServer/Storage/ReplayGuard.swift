/// Remembers single-use tokens (request nonces, challenges) until they expire.
public protocol ReplayGuard: Sendable {
    /// Records `token`; returns false if it was already recorded and has not expired.
    func consume(_ token: String, expiresAt: Int64, now: Int64) async throws -> Bool
    /// Requests proving freshness with a time before this (Unix ms) are refused as stale: the
    /// in-memory guard forgets everything at restart, so it refuses anything it might have seen.
    var notBefore: Int64 { get }
}
