import GRDB

/// The catalog schema as an append-only list of named migrations: never edit or reorder one
/// that has shipped; add a new one at the end.
enum CatalogMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-25 snapshots") { db in
            try db.execute(sql: """
                CREATE TABLE snapshot (
                    sequence INTEGER PRIMARY KEY,
                    content_hash BLOB NOT NULL,
                    multi_hash BLOB NOT NULL,
                    size INTEGER NOT NULL,
                    channel_count INTEGER NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    state TEXT NOT NULL
                );
                CREATE INDEX snapshot_by_state ON snapshot(state, sequence);
                """)
        }
        migrator.registerMigration("2026-11-25 upload queue") { db in
            try db.execute(sql: """
                CREATE TABLE upload (
                    content_hash BLOB PRIMARY KEY,
                    sequence INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
                    last_attempt_at_ms INTEGER,
                    last_error TEXT,
                    uploaded_at_ms INTEGER
                );
                CREATE INDEX upload_by_state ON upload(state, sequence);
                """)
        }
        migrator.registerMigration("2026-11-25 destinations") { db in
            try db.execute(sql: """
                CREATE TABLE destination (
                    name TEXT PRIMARY KEY,
                    last_success_at_ms INTEGER,
                    last_success_sequence INTEGER,
                    last_failure_at_ms INTEGER,
                    last_error TEXT
                );
                """)
        }
        return migrator
    }
}
