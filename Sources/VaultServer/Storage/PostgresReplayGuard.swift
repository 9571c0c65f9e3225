import Logging
import PostgresNIO

/// The replay record in PostgreSQL, shared by every vault process on the database.
/// A token is accepted if it is new or its earlier record has expired.
final class PostgresReplayGuard: ReplayGuard {
    let client: PostgresClient
    let logger: Logger
    let notBefore: Int64 = 0

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    func consume(_ token: String, expiresAt: Int64, now: Int64) async throws -> Bool {
        // Sweep expired tokens now and then (about one request in 500) to keep the table small.
        if Int.random(in: 0..<500) == 0 {
            try await client.query("DELETE FROM used_token WHERE expires_at <= \(now)", logger: logger)
        }
        let rows = try await client.query(
            """
            INSERT INTO used_token (token, expires_at) VALUES (\(token), \(expiresAt))
            ON CONFLICT (token) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE used_token.expires_at <= \(now)
            RETURNING 1
            """, logger: logger)
        return try await PostgresVaultRepository.hasRow(rows)
    }
}
