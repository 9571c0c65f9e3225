import BlobStorage
import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Sodium
import VaultAPI

/// The multi-node backend: several stateless vault processes on one PostgreSQL database.
///
/// Puts are group-committed (`PostgresPutBatch`): one transaction per batch locks the batch's
/// account rows (`SELECT … FOR UPDATE`, in id order), so puts of one account are serialised
/// across processes; replay records and the challenge secret
/// live in the database too. Durability: the server refuses to start unless
/// `synchronous_commit` and `fsync` are on, so a COMMIT that returned is on disk.
public final class PostgresVaultRepository: VaultRepository {
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>
    public let replayGuard: any ReplayGuard
    /// Concurrent puts share one transaction and one WAL flush (`PostgresPutBatch`).
    private let puts: GroupCommit<PendingPut, PendingPut.Outcome>

    public init(url: String, connections: Int = 16, logger: Logger) async throws {
        var configuration = try Self.configuration(url: url)
        configuration.options.maximumConnections = connections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runTask = Task { await client.run() }
        replayGuard = PostgresReplayGuard(client: client, logger: logger)
        puts = GroupCommit(maxWeight: PendingPut.maxBatchBytes, weight: \.data.count) { batch in await PostgresPutBatch(client: client, logger: logger).commit(batch) }
        do {
            try await PostgresSchema.migrate(client, logger: logger)
            let settings = try await durabilitySettings()
            guard settings["synchronous_commit"] == "on", settings["fsync"] == "on" else {
                throw VaultConfigurationError("PostgreSQL must run with synchronous_commit=on and fsync=on (found \(settings)); see vault/postgresql.md")
            }
        } catch {
            runTask.cancel()
            throw error
        }
    }

    /// Parses `postgres://user:password@host:port/database[?sslmode=disable|require]`.
    static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, let user = components.user else {
            throw VaultConfigurationError("--database must look like postgres://user:password@host:5432/database")
        }
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS = switch sslmode {
        case "require", "verify-full": .require(.makeClientConfiguration())
        case "prefer": .prefer(.makeClientConfiguration())
        default: .disable
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: tls)
    }

    // MARK: - Accounts and devices

    /// The account and its devices in one round trip (every signed request reads it).
    public func account(_ id: AccountID) async throws -> AccountRecord? {
        let rows = try await client.query(
            """
            SELECT a.owner_key, a.liveness_key, a.created_at, a.disabled, a.release_window_seconds, a.keep_all_days,
                   a.keep_daily_days, a.last_heartbeat_at, a.used_bytes,
                   d.key, d.label, d.created_at, d.revoked_at, d.last_seen_at, d.sealed_secret IS NOT NULL
            FROM account a LEFT JOIN device d ON d.account_id = a.id
            WHERE a.id = \(id.hex) ORDER BY d.created_at, d.key
            """, logger: logger)
        var found: AccountRecord?
        for try await (owner, liveness, created, disabled, window, keepAll, keepDaily, heartbeat, used,
                       key, label, deviceCreated, revoked, seen, hasSecret) in rows.decode(
            (Data, Data, Int64, Bool, Int64, Int64?, Int64, Int64?, Int64, Data?, String?, Int64?, Int64?, Int64?, Bool?).self) {
            if found == nil {
                found = AccountRecord(
                    id: id, ownerKey: [UInt8](owner), livenessKey: [UInt8](liveness), createdAt: created, disabled: disabled,
                    policy: AccountPolicy(releaseWindowSeconds: window, retention: RetentionPolicy(keepAllDays: keepAll.map(Int.init), keepDailyDays: Int(keepDaily))),
                    lastHeartbeatAt: heartbeat, usedBytes: used)
            }
            if let key, let label, let deviceCreated {
                found?.devices.append(DeviceRecord(
                    key: [UInt8](key), label: label, createdAt: deviceCreated, revokedAt: revoked, lastSeenAt: seen,
                    hasSealedSecret: hasSecret ?? false))
            }
        }
        return found
    }

    public func listAccounts() async throws -> [AccountRecord] {
        var ids: [AccountID] = []
        for try await hex in try await client.query("SELECT id FROM account ORDER BY id", logger: logger).decode(String.self) {
            if let id = AccountID(hex: hex) { ids.append(id) }
        }
        var accounts: [AccountRecord] = []
        for id in ids { if let account = try await account(id) { accounts.append(account) } }
        return accounts
    }

    public func createAccount(_ account: AccountRecord) async throws -> Bool {
        let logger = self.logger
        return try await transaction { conn in
            let keepAll = account.policy.retention.keepAllDays.map(Int64.init)
            let inserted = try await conn.query(
                """
                INSERT INTO account (id, owner_key, liveness_key, created_at, disabled, release_window_seconds, keep_all_days,
                                     keep_daily_days, last_heartbeat_at, used_bytes)
                VALUES (\(account.id.hex), \(Data(account.ownerKey)), \(Data(account.livenessKey)), \(account.createdAt),
                        \(account.disabled), \(account.policy.releaseWindowSeconds), \(keepAll),
                        \(Int64(account.policy.retention.keepDailyDays)), \(account.lastHeartbeatAt), 0)
                ON CONFLICT (id) DO NOTHING RETURNING 1
                """, logger: logger)
            guard try await Self.hasRow(inserted) else { return false }
            for device in account.devices { _ = try await Self.insertDevice(conn, account.id, device, logger: logger) }
            return true
        }
    }

    public func setLivenessKey(_ id: AccountID, _ key: [UInt8]) async throws {
        try await client.query("UPDATE account SET liveness_key = \(Data(key)) WHERE id = \(id.hex)", logger: logger)
    }

    public func setPolicy(_ id: AccountID, _ policy: AccountPolicy) async throws {
        let keepAll = policy.retention.keepAllDays.map(Int64.init)
        try await client.query(
            """
            UPDATE account SET release_window_seconds = \(policy.releaseWindowSeconds), keep_all_days = \(keepAll),
                               keep_daily_days = \(Int64(policy.retention.keepDailyDays)) WHERE id = \(id.hex)
            """, logger: logger)
    }

    public func setDisabled(_ id: AccountID, _ disabled: Bool) async throws {
        try await client.query("UPDATE account SET disabled = \(disabled) WHERE id = \(id.hex)", logger: logger)
    }

    public func addDevice(_ id: AccountID, _ device: DeviceRecord) async throws -> Bool {
        let logger = self.logger
        return try await client.withConnection { conn in try await Self.insertDevice(conn, id, device, logger: logger) }
    }

    public func revokeDevice(_ id: AccountID, key: [UInt8], at: Int64) async throws {
        try await client.query(
            """
            UPDATE device SET revoked_at = COALESCE(revoked_at, \(at)), sealed_secret = NULL
            WHERE account_id = \(id.hex) AND key = \(Data(key))
            """, logger: logger)
    }

    public func setSealedSecret(_ id: AccountID, deviceKey: [UInt8], _ secret: [UInt8]) async throws {
        try await client.query(
            "UPDATE device SET sealed_secret = \(Data(secret)) WHERE account_id = \(id.hex) AND key = \(Data(deviceKey)) AND revoked_at IS NULL", logger: logger)
    }

    public func clearSealedSecret(_ id: AccountID, deviceKey: [UInt8]) async throws {
        try await client.query(
            "UPDATE device SET sealed_secret = NULL WHERE account_id = \(id.hex) AND key = \(Data(deviceKey))", logger: logger)
    }

    public func sealedSecret(_ id: AccountID, deviceKey: [UInt8]) async throws -> [UInt8]? {
        let rows = try await client.query(
            "SELECT sealed_secret FROM device WHERE account_id = \(id.hex) AND key = \(Data(deviceKey)) AND revoked_at IS NULL", logger: logger)
        var secret: [UInt8]?
        for try await data in rows.decode(Data?.self) { secret = data.map { [UInt8]($0) } }
        return secret
    }

    public func recordHeartbeat(_ id: AccountID, at: Int64) async throws {
        try await client.query("UPDATE account SET last_heartbeat_at = \(at) WHERE id = \(id.hex)", logger: logger)
    }

    public func recordDeviceSeen(_ id: AccountID, key: [UInt8], at: Int64) async throws {
        try await client.query("UPDATE device SET last_seen_at = \(at) WHERE account_id = \(id.hex) AND key = \(Data(key))", logger: logger)
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

    public func blob(_ id: AccountID, _ name: BlobName, version: UInt64?) async throws -> Blob {
        let rows: PostgresRowSequence
        if let version {
            guard let v = Int64(exactly: version) else { throw Self.notFound(name, version) }
            rows = try await client.query(
                """
                SELECT version, size, content_hash, stored_at, data FROM blob
                WHERE account_id = \(id.hex) AND name = \(name.rawValue) AND version = \(v)
                """, logger: logger)
        } else {
            rows = try await client.query(
                """
                SELECT version, size, content_hash, stored_at, data FROM blob
                WHERE account_id = \(id.hex) AND name = \(name.rawValue) ORDER BY version DESC LIMIT 1
                """, logger: logger)
        }
        var found: Blob?
        for try await (v, size, hash, storedAt, data) in rows.decode((Int64, Int64, Data, Int64, Data).self) {
            found = Blob(info: try Self.info(name, (v, size, hash, storedAt)), data: [UInt8](data))
        }
        guard let found else { throw Self.notFound(name, version) }
        return found
    }

    public func listBlobs(_ id: AccountID) async throws -> [BlobSummary] {
        let rows = try await client.query(
            """
            SELECT b.name, b.version, b.size, b.content_hash, b.stored_at, c.cnt
            FROM blob b JOIN (SELECT name, MAX(version) AS v, COUNT(*) AS cnt FROM blob WHERE account_id = \(id.hex) GROUP BY name) c
            ON b.name = c.name AND b.version = c.v
            WHERE b.account_id = \(id.hex) ORDER BY b.name COLLATE "C"
            """, logger: logger)
        var summaries: [BlobSummary] = []
        for try await (name, v, size, hash, storedAt, count) in rows.decode((String, Int64, Int64, Data, Int64, Int64).self) {
            let blobName = try BlobName(name)
            summaries.append(BlobSummary(latest: try Self.info(blobName, (v, size, hash, storedAt)), versionCount: Int(count)))
        }
        return summaries
    }

    public func versions(_ id: AccountID, _ name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        let afterValue = Int64(clamping: after ?? 0)
        let rows = try await client.query(
            """
            SELECT version, size, content_hash, stored_at FROM blob
            WHERE account_id = \(id.hex) AND name = \(name.rawValue) AND version > \(afterValue)
            ORDER BY version LIMIT \(Int64(max(0, limit)))
            """, logger: logger)
        var infos: [BlobInfo] = []
        for try await row in rows.decode((Int64, Int64, Data, Int64).self) { infos.append(try Self.info(name, row)) }
        if infos.isEmpty {
            let exists = try await client.query(
                "SELECT 1 FROM blob WHERE account_id = \(id.hex) AND name = \(name.rawValue) LIMIT 1", logger: logger)
            guard try await Self.hasRow(exists) else { throw Self.notFound(name, nil) }
        }
        return infos
    }

    public func deviceUsage(_ id: AccountID) async throws -> [[UInt8]: Int64] {
        var usage: [[UInt8]: Int64] = [:]
        for try await (key, used) in try await client.query(
            "SELECT key, used_bytes FROM device WHERE account_id = \(id.hex)", logger: logger
        ).decode((Data, Int64).self) {
            usage[[UInt8](key)] = used
        }
        return usage
    }

    public func writers(_ id: AccountID, _ name: BlobName) async throws -> [UInt64: [UInt8]] {
        var writers: [UInt64: [UInt8]] = [:]
        for try await (version, writer) in try await client.query(
            "SELECT version, writer FROM blob WHERE account_id = \(id.hex) AND name = \(name.rawValue) AND writer IS NOT NULL",
            logger: logger
        ).decode((Int64, Data).self) {
            writers[UInt64(version)] = [UInt8](writer)
        }
        return writers
    }

    public func deleteBlob(_ id: AccountID, _ name: BlobName, version: UInt64?) async throws -> Int {
        let logger = self.logger
        let v = version.map { Int64(clamping: $0) }
        return try await transaction { conn in
            var count = 0
            var freed: Int64 = 0
            var freedByWriter: [Data: Int64] = [:]
            for try await (size, writer) in try await conn.query(
                """
                DELETE FROM blob WHERE account_id = \(id.hex) AND name = \(name.rawValue)
                AND (\(v)::BIGINT IS NULL OR version = \(v)::BIGINT) RETURNING size, writer
                """, logger: logger
            ).decode((Int64, Data?).self) {
                count += 1
                freed += size
                if let writer { freedByWriter[writer, default: 0] += size }
            }
            try await conn.query("UPDATE account SET used_bytes = used_bytes - \(freed) WHERE id = \(id.hex)", logger: logger)
            // Each device's quota usage follows the deletion of what it uploaded.
            for (writer, bytes) in freedByWriter {
                try await conn.query(
                    "UPDATE device SET used_bytes = used_bytes - \(bytes) WHERE account_id = \(id.hex) AND key = \(writer)", logger: logger)
            }
            return count
        }
    }

    // MARK: - Server state

    public var putBatches: GroupCommitStats? { puts.stats }

    public func challengeSecret() async throws -> [UInt8] {
        try await client.query(
            "INSERT INTO server_secret (id, secret) VALUES (1, \(Data(Random.bytes(32)))) ON CONFLICT (id) DO NOTHING", logger: logger)
        var secret: [UInt8] = []
        for try await data in try await client.query("SELECT secret FROM server_secret WHERE id = 1", logger: logger).decode(Data.self) {
            secret = [UInt8](data)
        }
        return secret
    }

    public func durabilitySettings() async throws -> [String: String] {
        var settings: [String: String] = [:]
        for name in ["synchronous_commit", "fsync"] {
            for try await value in try await client.query(
                "SELECT setting FROM pg_settings WHERE name = \(name)", logger: logger).decode(String.self) {
                settings[name] = value
            }
        }
        return settings
    }

    public func totals() async throws -> (accounts: Int, bytes: Int64) {
        var result = (accounts: 0, bytes: Int64(0))
        for try await (n, b) in try await client.query(
            "SELECT COUNT(*), COALESCE(SUM(used_bytes), 0)::BIGINT FROM account", logger: logger).decode((Int64, Int64).self) {
            result = (Int(n), b)
        }
        return result
    }

    public func close() async throws {
        runTask.cancel()
    }

    // MARK: - Helpers

    /// A transaction whose errors are the closure's own (not wrapped in PostgresTransactionError).
    private func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.transaction(client, logger: logger, body)
    }

    static func transaction<T: Sendable>(
        _ client: PostgresClient, logger: Logger, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { conn in try await body(conn) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    private static func insertDevice(_ conn: PostgresConnection, _ id: AccountID, _ device: DeviceRecord, logger: Logger) async throws -> Bool {
        let rows = try await conn.query(
            """
            INSERT INTO device (account_id, key, label, created_at, revoked_at, last_seen_at)
            VALUES (\(id.hex), \(Data(device.key)), \(device.label), \(device.createdAt), \(device.revokedAt), \(device.lastSeenAt))
            ON CONFLICT (account_id, key) DO NOTHING RETURNING 1
            """, logger: logger)
        return try await hasRow(rows)
    }

    static func hasRow(_ rows: PostgresRowSequence) async throws -> Bool {
        var found = false
        for try await _ in rows { found = true }
        return found
    }

    static func info(_ name: BlobName, _ row: (Int64, Int64, Data, Int64)) throws -> BlobInfo {
        BlobInfo(
            name: name, version: UInt64(clamping: row.0), size: Int(row.1), contentHash: try ContentHash([UInt8](row.2)),
            storedAt: Date(unixMilliseconds: row.3))
    }
}
