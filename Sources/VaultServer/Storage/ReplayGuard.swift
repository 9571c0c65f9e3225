/// Remembers single-use tokens (request nonces, challenges) until they expire.
public protocol ReplayGuard: Sendable {
    /// Records `token`; returns false if it was already recorded and has not expired.
    func consume(_ token: String, expiresAt: Int64, now: Int64) async throws -> Bool
    /// When this guard's memory starts (Unix ms), or 0 when it has seen every request of the
    /// store (PostgreSQL's shared record, a fresh database). An in-memory guard of a restarted
    /// SQLite vault forgets what came before, so the authenticator refuses every proof that a
    /// request signed before then could carry (docs/vault-api.md "Replays").
    var notBefore: Int64 { get }
}
