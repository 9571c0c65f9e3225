import GRDB

/// The one owner of the SQLite migrations. Append-only: a shipped migration is never edited.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL,
                    owner_key BLOB NOT NULL,
                    liveness_key BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    release_window_seconds INTEGER NOT NULL,
                    keep_all_days INTEGER,
                    keep_daily_days INTEGER NOT NULL,
                    last_heartbeat_at INTEGER,
                    used_bytes INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE device (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    key BLOB NOT NULL,
                    label TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER,
                    last_seen_at INTEGER,
                    sealed_secret BLOB,
                    PRIMARY KEY (account_id, key)
                );
                CREATE TABLE blob_head (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    highest_version INTEGER NOT NULL,
                    PRIMARY KEY (account_id, name)
                );
                CREATE TABLE blob (
                    account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    content_hash BLOB NOT NULL,
                    stored_at INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (account_id, name, version)
                );
                """)
        }
        // Review M1b: who uploaded each version (retention keeps a daily survivor per writer) and
        // each device's usage (its own quota). Versions stored before have no writer.
        migrator.registerMigration("v2-writers") { db in
            try db.execute(sql: """
                ALTER TABLE blob ADD COLUMN writer BLOB;
                ALTER TABLE device ADD COLUMN used_bytes INTEGER NOT NULL DEFAULT 0;
                """)
        }
        return migrator
    }
}
