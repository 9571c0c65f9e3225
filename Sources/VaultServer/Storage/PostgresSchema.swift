import Logging
import PostgresNIO

/// PostgreSQL migrations, append-only and named. Several vault processes may start at once:
/// an advisory lock serialises them, and applied migrations are recorded.
enum PostgresSchema {
    static let migrations: [(name: String, statements: [PostgresQuery])] = [
        ("v1", [
            """
            CREATE TABLE account (
                id TEXT PRIMARY KEY,
                owner_key BYTEA NOT NULL,
                liveness_key BYTEA NOT NULL,
                created_at BIGINT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT FALSE,
                release_window_seconds BIGINT NOT NULL,
                keep_all_days BIGINT,
                keep_daily_days BIGINT NOT NULL,
                last_heartbeat_at BIGINT,
                used_bytes BIGINT NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE device (
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                key BYTEA NOT NULL,
                label TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT,
                last_seen_at BIGINT,
                sealed_secret BYTEA,
                PRIMARY KEY (account_id, key)
            )
            """,
            """
            CREATE TABLE blob_head (
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                highest_version BIGINT NOT NULL,
                PRIMARY KEY (account_id, name)
            )
            """,
            """
            CREATE TABLE blob (
                account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                version BIGINT NOT NULL,
                size BIGINT NOT NULL,
                content_hash BYTEA NOT NULL,
                stored_at BIGINT NOT NULL,
                data BYTEA NOT NULL,
                PRIMARY KEY (account_id, name, version)
            )
            """,
            "ALTER TABLE blob ALTER COLUMN data SET STORAGE EXTERNAL",
            "CREATE TABLE used_token (token TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)",
            "CREATE INDEX used_token_expiry ON used_token (expires_at)",
            "CREATE TABLE server_secret (id INT PRIMARY KEY, secret BYTEA NOT NULL)",
        ]),
        // Review M1b: who uploaded each version (retention keeps a daily survivor per writer) and
        // each device's usage (its own quota). Versions stored before have no writer.
        ("v2-writers", [
            "ALTER TABLE blob ADD COLUMN writer BYTEA",
            "ALTER TABLE device ADD COLUMN used_bytes BIGINT NOT NULL DEFAULT 0",
        ]),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(7331001)", logger: logger)
            try await conn.query("CREATE TABLE IF NOT EXISTS casa_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", logger: logger)
            var applied: Set<String> = []
            for try await name in try await conn.query("SELECT name FROM casa_migration", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements { try await conn.query(statement, logger: logger) }
                try await conn.query("INSERT INTO casa_migration (name) VALUES (\(migration.name))", logger: logger)
            }
        }
    }
}
