import BlobStorage
import Foundation
import GRDB
import Sodium
import VaultAPI

/// The default backend: one SQLite file (`vault.sqlite`) in the data folder, through GRDB.
///
/// Durability: WAL journal with `synchronous=FULL`, so every commit fsyncs the WAL before a
/// 2xx is sent (asserted by DurabilityTests). Writes are serialised by GRDB's single writer,
/// which makes each put's check-then-insert atomic; concurrent puts are group-committed
/// (`GroupCommit`): one transaction, one fsync, every caller answered after the COMMIT.
public final class SQLiteVaultRepository: VaultRepository {
    public static let fileName = "vault.sqlite"
    public static let pageSize = 16384

    let pool: DatabasePool
    /// Concurrent puts share one transaction and one fsync.
    private let puts: GroupCommit<PendingPut, PendingPut.Outcome>
    /// Accounts and devices the put batches know (emptied by every other write).
    private let authCache = SQLiteAuthCache()
    /// Per process: a vault file that existed before this start may have served requests this
    /// process cannot remember (review L1).
    public let replayGuard: any ReplayGuard
    private let secret = Random.bytes(32)

    /// Opens (creating if needed) `directory/vault.sqlite` with mode 0700 on the folder.
    public convenience init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try self.init(path: (directory as NSString).appendingPathComponent(Self.fileName))
    }

    public init(path: String) throws {
        replayGuard = MemoryReplayGuard(forgotEarlierRequests: FileManager.default.fileExists(atPath: path))
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // FULL: the WAL is fsynced at every commit, so a 2xx survives a power cut.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A new vault file gets 16 KiB pages: a 4 KiB blob row then fits in its page instead
            // of spilling into an overflow page, so a batch writes and fsyncs fewer WAL frames.
            // A no-op on an existing file (its page size is fixed once it is in WAL mode).
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
        }
        pool = try DatabasePool(path: path, configuration: config)
        // GRDB sets synchronous=NORMAL on the WAL writer; the writer is the connection that commits.
        try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try SQLiteSchema.migrator.migrate(pool)
        puts = GroupCommit(
            maxWeight: PendingPut.maxBatchBytes, weight: \.data.count, queue: DispatchQueue(label: "casa-vault.sqlite-puts")
        ) { [pool, authCache] batch in Self.commit(pool, authCache, batch) }
    }

    // MARK: - Accounts and devices

    public func account(_ id: AccountID) async throws -> AccountRecord? {
        try await pool.read { db in try Self.fetchAccount(db, id) }
    }

    public func listAccounts() async throws -> [AccountRecord] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM account ORDER BY id").compactMap { hex in
                try AccountID(hex: hex).flatMap { try Self.fetchAccount(db, $0) }
            }
        }
    }

    public func createAccount(_ account: AccountRecord) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO account (id, owner_key, liveness_key, created_at, disabled, release_window_seconds,
                        keep_all_days, keep_daily_days, last_heartbeat_at, used_bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING
                    """,
                arguments: [
                    account.id.hex, Data(account.ownerKey), Data(account.livenessKey), account.createdAt, account.disabled,
                    account.policy.releaseWindowSeconds, account.policy.retention.keepAllDays,
                    account.policy.retention.keepDailyDays, account.lastHeartbeatAt,
                ])
            guard db.changesCount == 1 else { return false }
            for device in account.devices { _ = try Self.insertDevice(db, account.id, device) }
            return true
        }
    }

    public func setLivenessKey(_ id: AccountID, _ key: [UInt8]) async throws {
        try await execute("UPDATE account SET liveness_key = ? WHERE id = ?", [Data(key), id.hex])
    }

    public func setPolicy(_ id: AccountID, _ policy: AccountPolicy) async throws {
        try await record(
            "UPDATE account SET release_window_seconds = ?, keep_all_days = ?, keep_daily_days = ? WHERE id = ?",
            [policy.releaseWindowSeconds, policy.retention.keepAllDays, policy.retention.keepDailyDays, id.hex])
    }

    public func setDisabled(_ id: AccountID, _ disabled: Bool) async throws {
        try await execute("UPDATE account SET disabled = ? WHERE id = ?", [disabled, id.hex])
    }

    public func addDevice(_ id: AccountID, _ device: DeviceRecord) async throws -> Bool {
        try await write { db in try Self.insertDevice(db, id, device) }
    }

    public func revokeDevice(_ id: AccountID, key: [UInt8], at: Int64) async throws {
        try await execute(
            "UPDATE device SET revoked_at = COALESCE(revoked_at, ?), sealed_secret = NULL WHERE account_id = ? AND key = ?",
            [at, id.hex, Data(key)])
    }

    public func setSealedSecret(_ id: AccountID, deviceKey: [UInt8], _ secret: [UInt8]) async throws {
        try await record("UPDATE device SET sealed_secret = ? WHERE account_id = ? AND key = ? AND revoked_at IS NULL", [Data(secret), id.hex, Data(deviceKey)])
    }

    public func clearSealedSecret(_ id: AccountID, deviceKey: [UInt8]) async throws {
        try await record("UPDATE device SET sealed_secret = NULL WHERE account_id = ? AND key = ?", [id.hex, Data(deviceKey)])
    }

    public func sealedSecret(_ id: AccountID, deviceKey: [UInt8]) async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT sealed_secret FROM device WHERE account_id = ? AND key = ? AND revoked_at IS NULL", arguments: [id.hex, Data(deviceKey)])
                .map { [UInt8]($0) }
        }
    }

    public func recordHeartbeat(_ id: AccountID, at: Int64) async throws {
        try await record("UPDATE account SET last_heartbeat_at = ? WHERE id = ?", [at, id.hex])
    }

    public func recordDeviceSeen(_ id: AccountID, key: [UInt8], at: Int64) async throws {
        try await record("UPDATE device SET last_seen_at = ? WHERE account_id = ? AND key = ?", [at, id.hex, Data(key)])
    }

    // MARK: - Blobs

    public func putBlob(
        _ id: AccountID, _ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash,
        limits: BlobStoreLimits, now: Date, authorization: PutAuthorization?
    ) async throws -> (info: BlobInfo, created: Bool) {
        try await puts.submit(PendingPut(
            account: id, name: name, version: version, data: data, contentHash: contentHash, limits: limits,
            storedAt: now.unixMilliseconds, authorization: authorization))
    }

    /// Commits a batch of puts in one transaction (one WAL fsync), then keeps what it learned about
    /// accounts and devices for the next batch. If the transaction fails as a whole, a batch of
    /// several puts is retried one put per transaction, so one bad put cannot fail the others.
    private static func commit(
        _ pool: DatabasePool, _ cache: SQLiteAuthCache, _ batch: [PendingPut]
    ) -> [Result<PendingPut.Outcome, any Error>] {
        do {
            return try pool.writeWithoutTransaction { db in
                let dataVersion = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                var run = SQLitePutBatch(db, known: cache.snapshot(dataVersion: dataVersion))
                var results: [Result<PendingPut.Outcome, any Error>] = []
                try db.inTransaction {
                    results = try run.run(batch)
                    return .commit
                }
                cache.keep(run.learned)
                return results
            }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<PendingPut.Outcome, any Error>] = []
            for put in batch { results += commit(pool, cache, [put]) }
            return results
        }
    }

    public func blob(_ id: AccountID, _ name: BlobName, version: UInt64?) async throws -> Blob {
        // Rows are decoded inside the read: the async read then runs off the event loop.
        let blob: Blob? = try await pool.read { db in
            let row: Row?
            if let version {
                guard let v = Int64(exactly: version) else { return nil }
                row = try Row.fetchOne(
                    db, sql: "SELECT version, size, content_hash, stored_at, data FROM blob WHERE account_id = ? AND name = ? AND version = ?",
                    arguments: [id.hex, name.rawValue, v])
            } else {
                row = try Row.fetchOne(
                    db, sql: "SELECT version, size, content_hash, stored_at, data FROM blob WHERE account_id = ? AND name = ? ORDER BY version DESC LIMIT 1",
                    arguments: [id.hex, name.rawValue])
            }
            return try row.map { Blob(info: try Self.info(name, $0), data: [UInt8]($0["data"] as Data)) }
        }
        guard let blob else { throw Self.notFound(name, version) }
        return blob
    }

    public func listBlobs(_ id: AccountID) async throws -> [BlobSummary] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT b.name, b.version, b.size, b.content_hash, b.stored_at, c.cnt
                    FROM blob b JOIN (SELECT name, MAX(version) AS v, COUNT(*) AS cnt FROM blob WHERE account_id = ? GROUP BY name) c
                    ON b.name = c.name AND b.version = c.v
                    WHERE b.account_id = ? ORDER BY b.name
                    """,
                arguments: [id.hex, id.hex]
            ).map { row in
                BlobSummary(latest: try Self.info(try BlobName(row["name"]), row), versionCount: row["cnt"])
            }
        }
    }

    public func versions(_ id: AccountID, _ name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        let afterValue = Int64(clamping: after ?? 0)
        let (page, exists): ([BlobInfo], Bool) = try await pool.read { db in
            let page = try Row.fetchAll(
                db,
                sql: "SELECT version, size, content_hash, stored_at FROM blob WHERE account_id = ? AND name = ? AND version > ? ORDER BY version LIMIT ?",
                arguments: [id.hex, name.rawValue, afterValue, max(0, limit)]
            ).map { try Self.info(name, $0) }
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM blob WHERE account_id = ? AND name = ?)", arguments: [id.hex, name.rawValue]) ?? false
            return (page, exists)
        }
        guard exists else { throw Self.notFound(name, nil) }
        return page
    }

    public func deviceUsage(_ id: AccountID) async throws -> [[UInt8]: Int64] {
        try await pool.read { db in
            var usage: [[UInt8]: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, used_bytes FROM device WHERE account_id = ?", arguments: [id.hex]) {
                usage[[UInt8](row["key"] as Data)] = row["used_bytes"]
            }
            return usage
        }
    }

    public func writers(_ id: AccountID, _ name: BlobName) async throws -> [UInt64: [UInt8]] {
        try await pool.read { db in
            var writers: [UInt64: [UInt8]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT version, writer FROM blob WHERE account_id = ? AND name = ? AND writer IS NOT NULL",
                arguments: [id.hex, name.rawValue]) {
                writers[UInt64(row["version"] as Int64)] = [UInt8](row["writer"] as Data)
            }
            return writers
        }
    }

    public func deleteBlob(_ id: AccountID, _ name: BlobName, version: UInt64?) async throws -> Int {
        try await write { db in
            let versionFilter = version.map { Int64(clamping: $0) }
            // A name's highest version is never reused: remember it before its row may go.
            try db.execute(
                sql: """
                    INSERT INTO blob_head (account_id, name, highest_version)
                    SELECT account_id, name, MAX(version) FROM blob WHERE account_id = ? AND name = ? GROUP BY account_id, name
                    ON CONFLICT (account_id, name) DO UPDATE SET highest_version = MAX(highest_version, excluded.highest_version)
                    """,
                arguments: [id.hex, name.rawValue])
            let freed = try Int64.fetchOne(
                db, sql: "SELECT COALESCE(SUM(size), 0) FROM blob WHERE account_id = ? AND name = ? AND (? IS NULL OR version = ?)",
                arguments: [id.hex, name.rawValue, versionFilter, versionFilter]) ?? 0
            // Each device's quota usage follows the deletion of what it uploaded.
            let byWriter = try Row.fetchAll(
                db, sql: """
                    SELECT writer, SUM(size) AS bytes FROM blob
                    WHERE account_id = ? AND name = ? AND (? IS NULL OR version = ?) AND writer IS NOT NULL GROUP BY writer
                    """,
                arguments: [id.hex, name.rawValue, versionFilter, versionFilter])
            try db.execute(
                sql: "DELETE FROM blob WHERE account_id = ? AND name = ? AND (? IS NULL OR version = ?)",
                arguments: [id.hex, name.rawValue, versionFilter, versionFilter])
            let count = db.changesCount
            for row in byWriter {
                try db.execute(
                    sql: "UPDATE device SET used_bytes = used_bytes - ? WHERE account_id = ? AND key = ?",
                    arguments: [row["bytes"] as Int64, id.hex, row["writer"] as Data])
            }
            try db.execute(sql: "UPDATE account SET used_bytes = used_bytes - ? WHERE id = ?", arguments: [freed, id.hex])
            return count
        }
    }

    // MARK: - Server state

    public var putBatches: GroupCommitStats? { puts.stats }

    public func challengeSecret() -> [UInt8] { secret }

    public func durabilitySettings() async throws -> [String: String] {
        try await pool.write { db in
            [
                "journal_mode": try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
                "synchronous": try String.fetchOne(db, sql: "PRAGMA synchronous") ?? "?",
                "page_size": try String.fetchOne(db, sql: "PRAGMA page_size") ?? "?",
            ]
        }
    }

    public func totals() async throws -> (accounts: Int, bytes: Int64) {
        try await pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(SUM(used_bytes), 0) AS b FROM account")
            return (row?["n"] ?? 0, row?["b"] ?? 0)
        }
    }

    public func close() async throws {
        try pool.close()
    }

    // MARK: - Helpers

    private func execute(_ sql: String, _ arguments: StatementArguments) async throws {
        try await write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// A write of columns the put batches never read (heartbeat and last-seen times, sealed
    /// secrets, retention and release policy): it leaves their cache alone, so a fleet's
    /// heartbeats do not empty it for every account.
    private func record(_ sql: String, _ arguments: StatementArguments) async throws {
        try await pool.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// Every write but the puts: it may change what the put batches know about accounts and
    /// devices, so it empties their cache while it holds the writer.
    private func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write { [authCache] db in
            authCache.clear()
            return try updates(db)
        }
    }

    private static func insertDevice(_ db: Database, _ id: AccountID, _ device: DeviceRecord) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO device (account_id, key, label, created_at, revoked_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, key) DO NOTHING
                """,
            arguments: [id.hex, Data(device.key), device.label, device.createdAt, device.revokedAt, device.lastSeenAt])
        return db.changesCount == 1
    }

    private static func fetchAccount(_ db: Database, _ id: AccountID) throws -> AccountRecord? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [id.hex]) else { return nil }
        let devices = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT key, label, created_at, revoked_at, last_seen_at, sealed_secret IS NOT NULL AS has_secret
                FROM device WHERE account_id = ? ORDER BY created_at, key
                """),
            arguments: [id.hex]
        ).map { d in
            DeviceRecord(
                key: [UInt8](d["key"] as Data), label: d["label"], createdAt: d["created_at"], revokedAt: d["revoked_at"],
                lastSeenAt: d["last_seen_at"], hasSealedSecret: d["has_secret"])
        }
        return AccountRecord(
            id: id, ownerKey: [UInt8](row["owner_key"] as Data), livenessKey: [UInt8](row["liveness_key"] as Data),
            createdAt: row["created_at"], disabled: row["disabled"],
            policy: AccountPolicy(
                releaseWindowSeconds: row["release_window_seconds"],
                retention: RetentionPolicy(keepAllDays: row["keep_all_days"], keepDailyDays: row["keep_daily_days"])),
            lastHeartbeatAt: row["last_heartbeat_at"], usedBytes: row["used_bytes"], devices: devices)
    }

    static func info(_ name: BlobName, _ row: Row) throws -> BlobInfo {
        let version: Int64 = row["version"]
        return BlobInfo(
            name: name, version: UInt64(clamping: version), size: row["size"],
            contentHash: try ContentHash([UInt8](row["content_hash"] as Data)),
            storedAt: Date(unixMilliseconds: row["stored_at"]))
    }
}
