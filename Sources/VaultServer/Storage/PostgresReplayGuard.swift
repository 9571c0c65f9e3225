import Logging
import PostgresNIO

/// The replay record in PostgreSQL, shared by every vault process on the database.
/// A token is accepted if it is new or its earlier record has expired.
///
/// Concurrent requests' tokens are group-committed (`GroupCommit`): one INSERT of many rows in
/// one transaction, still committed (and flushed) before any of those requests goes on.
final class PostgresReplayGuard: ReplayGuard {
    struct Token: Sendable {
        let token: String
        let expiresAt: Int64
        let now: Int64
    }

    let client: PostgresClient
    let logger: Logger
    let notBefore: Int64 = 0
    private let batches: GroupCommit<Token, Bool>

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        batches = GroupCommit { batch in await Self.commit(batch, client: client, logger: logger) }
    }

    func consume(_ token: String, expiresAt: Int64, now: Int64) async throws -> Bool {
        try await batches.submit(Token(token: token, expiresAt: expiresAt, now: now))
    }

    /// Records a batch of tokens in one statement; within the batch the first use of a token wins.
    private static func commit(_ batch: [Token], client: PostgresClient, logger: Logger) async -> [Result<Bool, any Error>] {
        var firstUse: [String: Int] = [:]
        var unique: [Token] = []
        for (index, token) in batch.enumerated() where firstUse[token.token] == nil {
            firstUse[token.token] = index
            unique.append(token)
        }
        let now = batch.map(\.now).max() ?? 0
        do {
            // Sweep expired tokens now and then (about one batch in 200) to keep the table small.
            if Int.random(in: 0..<200) == 0 {
                try await client.query("DELETE FROM used_token WHERE expires_at < \(now)", logger: logger)
            }
            var accepted: Set<String> = []
            for try await token in try await client.query(
                """
                INSERT INTO used_token (token, expires_at)
                SELECT * FROM unnest(\(unique.map(\.token))::TEXT[], \(unique.map(\.expiresAt))::BIGINT[])
                ON CONFLICT (token) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE used_token.expires_at < \(now)
                RETURNING token
                """, logger: logger
            ).decode(String.self) { accepted.insert(token) }
            return batch.enumerated().map { index, token in
                .success(firstUse[token.token] == index && accepted.contains(token.token))
            }
        } catch {
            return batch.map { _ in .failure(error) }
        }
    }
}
