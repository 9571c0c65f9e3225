import Foundation
import GRDB

/// The SQLite catalog (GRDB): the snapshots the store holds, the persistent upload queue and
/// each destination's last success.
///
/// It is an index, not the truth: the snapshot files are. It runs in WAL mode with
/// `synchronous=NORMAL`, so a commit adds no fsync to the critical path and the last commits may
/// be lost on power loss; `reconcile(with:)` rebuilds whatever is missing from the files, and a
/// lost "uploaded" mark only causes an idempotent re-upload (the content hash is the key).
public final class SnapshotCatalog: Sendable {
    private let database: DatabaseQueue
    public let path: String

    /// SQLite's page cache for the catalog, in KiB. An idle agent's catalog is small and read
    /// rarely (point lookups by key or index, a scan at start-up and retention), so SQLite's
    /// default of 2 MB per connection buys nothing; filled as the catalog grows, it was most of
    /// the agent's memory growth after a long run (benchmarks/RESULTS.md, "Idle memory and wake-ups").
    static let pageCacheKiB = 256

    /// Opens (creating it 0600 if needed) and migrates the catalog.
    public init(path: String) throws(LocalStoreError) {
        self.path = path
        do {
            try Self.createPrivateFile(path)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA cache_size = -\(Self.pageCacheKiB)")
            }
            database = try DatabaseQueue(path: path, configuration: configuration)
            try CatalogMigrations.migrator.migrate(database)
        } catch {
            throw LocalStoreError.catalog(path: path, underlying: String(describing: error))
        }
    }

    /// Names of the migrations applied, in order.
    public func appliedMigrations() throws(LocalStoreError) -> [String] {
        try run { db in try CatalogMigrations.migrator.appliedMigrations(db) }
    }

    // MARK: - Snapshots

    /// Records a durable snapshot and, when `enqueue` is set, queues it for the vault, in one
    /// transaction (with the primary destination's success when given).
    public func recordStored(_ metadata: SnapshotMetadata, enqueue: Bool, primarySuccessAt date: Date? = nil) throws(LocalStoreError) {
        try write { db in
            try Self.upsertStored(metadata, db)
            if enqueue { try Self.enqueue(metadata, db) }
            if let date { try Self.recordSuccess(.primary, sequence: metadata.sequence, at: date, db) }
        }
    }

    public func snapshots() throws(LocalStoreError) -> [CatalogSnapshot] {
        try run { db in
            try Row.fetchAll(db, sql: "SELECT * FROM snapshot ORDER BY sequence").map(Self.snapshot)
        }
    }

    /// The highest sequence the catalog has ever seen, in any state.
    public func highestSequence() throws(LocalStoreError) -> UInt64? {
        try run { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM snapshot").map { UInt64($0) } }
    }

    /// Marks versions as pruned; their uploads still pending are superseded (the newest state wins).
    public func markPruned(_ sequences: [UInt64]) throws(LocalStoreError) {
        try write { db in
            for sequence in sequences {
                try Self.setState(.pruned, sequence, db)
                try Self.supersedePendingUpload(sequence, db)
            }
        }
    }

    /// Makes the catalog agree with a verified scan of the files: files win.
    public func reconcile(with scan: DirectoryScan) throws(LocalStoreError) -> CatalogReconciliation {
        try write { db in
            var result = CatalogReconciliation()
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM snapshot").map(Self.snapshot)
            let known = Dictionary(rows.map { ($0.metadata.sequence, $0) }, uniquingKeysWith: { a, _ in a })
            let intact = Set(scan.intact.map(\.sequence))
            let corrupt = Set(scan.corrupt.compactMap(\.sequence))
            for metadata in scan.intact {
                let row = known[metadata.sequence]
                guard row?.state != .stored || row?.metadata != metadata else { continue }
                try Self.upsertStored(metadata, db)
                try Self.enqueue(metadata, db)
                result.added.append(metadata.sequence)
            }
            for row in rows where row.state == .stored && !intact.contains(row.metadata.sequence) {
                let sequence = row.metadata.sequence
                let state: CatalogSnapshotState = corrupt.contains(sequence) ? .corrupt : .missing
                try Self.setState(state, sequence, db)
                try Self.supersedePendingUpload(sequence, db)
                if state == .corrupt { result.corrupt.append(sequence) } else { result.missing.append(sequence) }
            }
            return result
        }
    }

    // MARK: - Upload queue

    /// The oldest pending upload (the queue is flushed in order), or nil when all is uploaded.
    public func nextPendingUpload() throws(LocalStoreError) -> UploadQueueHead? {
        try run { db in
            try Row.fetchOne(db, sql: "SELECT * FROM upload WHERE state = ? ORDER BY sequence LIMIT 1",
                             arguments: [UploadState.pending.rawValue]).map(Self.pendingUpload)
        }
    }

    public func pendingUploadCount() throws(LocalStoreError) -> Int {
        try run { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM upload WHERE state = ?",
                             arguments: [UploadState.pending.rawValue]) ?? 0
        }
    }

    public func uploadState(contentHash: [UInt8]) throws(LocalStoreError) -> UploadState? {
        try run { db in
            try String.fetchOne(db, sql: "SELECT state FROM upload WHERE content_hash = ?",
                                arguments: [Data(contentHash)]).flatMap(UploadState.init(rawValue:))
        }
    }

    /// The vault acknowledged this content: never send it again.
    public func markUploaded(contentHash: [UInt8], at date: Date) throws(LocalStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE upload SET state = ?, uploaded_at_ms = ?, last_error = NULL WHERE content_hash = ?",
                           arguments: [UploadState.uploaded.rawValue, SnapshotMetadata.milliseconds(date), Data(contentHash)])
            if let sequence = try Int64.fetchOne(db, sql: "SELECT sequence FROM upload WHERE content_hash = ?",
                                                 arguments: [Data(contentHash)]) {
                try Self.recordSuccess(.vault, sequence: UInt64(sequence), at: date, db)
            }
        }
    }

    /// Records a failed attempt and returns when to try again.
    @discardableResult
    public func markUploadFailed(contentHash: [UInt8], error: String, at date: Date, backoff: UploadBackoff) throws(LocalStoreError) -> Date {
        try write { db in
            let attempts = (try Int.fetchOne(db, sql: "SELECT attempts FROM upload WHERE content_hash = ?",
                                             arguments: [Data(contentHash)]) ?? 0) + 1
            let next = date.addingTimeInterval(backoff.delay(afterAttempts: attempts))
            try db.execute(sql: """
                UPDATE upload SET attempts = ?, last_attempt_at_ms = ?, next_attempt_at_ms = ?, last_error = ?
                WHERE content_hash = ?
                """, arguments: [attempts, SnapshotMetadata.milliseconds(date), SnapshotMetadata.milliseconds(next),
                                 error, Data(contentHash)])
            try Self.recordFailure(.vault, error: error, at: date, db)
            return next
        }
    }

    /// Drops a pending upload that can no longer be served (its file is gone or corrupt).
    public func markSuperseded(contentHash: [UInt8]) throws(LocalStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE upload SET state = ? WHERE content_hash = ? AND state = ?",
                           arguments: [UploadState.superseded.rawValue, Data(contentHash), UploadState.pending.rawValue])
        }
    }

    // MARK: - Destinations

    public func recordSuccess(_ destination: SnapshotDestination, sequence: UInt64, at date: Date) throws(LocalStoreError) {
        try write { db in try Self.recordSuccess(destination, sequence: sequence, at: date, db) }
    }

    public func recordFailure(_ destination: SnapshotDestination, error: String, at date: Date) throws(LocalStoreError) {
        try write { db in try Self.recordFailure(destination, error: error, at: date, db) }
    }

    public func destinationStatuses() throws(LocalStoreError) -> [DestinationStatus] {
        try run { db in
            try Row.fetchAll(db, sql: "SELECT * FROM destination ORDER BY name").compactMap { row -> DestinationStatus? in
                guard let destination = SnapshotDestination(rawValue: row["name"]) else { return nil }
                return DestinationStatus(
                    destination: destination,
                    lastSuccessAt: Self.date(row["last_success_at_ms"]),
                    lastSuccessSequence: (row["last_success_sequence"] as Int64?).map { UInt64($0) },
                    lastFailureAt: Self.date(row["last_failure_at_ms"]),
                    lastError: row["last_error"]
                )
            }
        }
    }

    /// Moves the WAL into the database file (this fsyncs). Called by retention, off the
    /// critical path, so that SQLite's automatic checkpoint (after 1000 WAL pages) practically
    /// never runs inside a `save`.
    public func checkpoint() throws(LocalStoreError) {
        do {
            try database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch {
            throw LocalStoreError.catalog(path: path, underlying: String(describing: error))
        }
    }

    /// Writes a consistent copy of the catalog to `path` (SQLite `VACUUM INTO`), for backups
    /// and for tests that simulate a catalog which lost its last commits.
    public func copy(to path: String) throws(LocalStoreError) {
        do {
            // VACUUM cannot run inside the transaction that read/write open.
            try database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
        } catch {
            throw LocalStoreError.catalog(path: self.path, underlying: String(describing: error))
        }
    }

    // MARK: - SQL helpers

    private static func upsertStored(_ m: SnapshotMetadata, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO snapshot (sequence, content_hash, multi_hash, size, channel_count, created_at_ms, state)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(sequence) DO UPDATE SET content_hash = excluded.content_hash, multi_hash = excluded.multi_hash,
                size = excluded.size, channel_count = excluded.channel_count,
                created_at_ms = excluded.created_at_ms, state = excluded.state
            """, arguments: [Int64(m.sequence), Data(m.contentHash), Data(m.multiHash), m.size, m.channelCount,
                             m.createdAtMilliseconds, CatalogSnapshotState.stored.rawValue])
    }

    /// Queues a version once: an existing entry for the same content (any state) is kept.
    private static func enqueue(_ m: SnapshotMetadata, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO upload (content_hash, sequence, state) VALUES (?, ?, ?)",
                       arguments: [Data(m.contentHash), Int64(m.sequence), UploadState.pending.rawValue])
    }

    private static func setState(_ state: CatalogSnapshotState, _ sequence: UInt64, _ db: Database) throws {
        try db.execute(sql: "UPDATE snapshot SET state = ? WHERE sequence = ?", arguments: [state.rawValue, Int64(sequence)])
    }

    private static func supersedePendingUpload(_ sequence: UInt64, _ db: Database) throws {
        try db.execute(sql: "UPDATE upload SET state = ? WHERE sequence = ? AND state = ?",
                       arguments: [UploadState.superseded.rawValue, Int64(sequence), UploadState.pending.rawValue])
    }

    private static func recordSuccess(_ destination: SnapshotDestination, sequence: UInt64, at date: Date, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO destination (name, last_success_at_ms, last_success_sequence) VALUES (?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET last_success_at_ms = excluded.last_success_at_ms,
                last_success_sequence = MAX(COALESCE(last_success_sequence, 0), excluded.last_success_sequence)
            """, arguments: [destination.rawValue, SnapshotMetadata.milliseconds(date), Int64(sequence)])
    }

    private static func recordFailure(_ destination: SnapshotDestination, error: String, at date: Date, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO destination (name, last_failure_at_ms, last_error) VALUES (?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET last_failure_at_ms = excluded.last_failure_at_ms, last_error = excluded.last_error
            """, arguments: [destination.rawValue, SnapshotMetadata.milliseconds(date), error])
    }

    private static func snapshot(_ row: Row) -> CatalogSnapshot {
        CatalogSnapshot(
            metadata: SnapshotMetadata(
                sequence: UInt64(max(0, row["sequence"] as Int64)),
                createdAtMilliseconds: row["created_at_ms"],
                channelCount: row["channel_count"],
                multiHash: [UInt8](row["multi_hash"] as Data),
                contentHash: [UInt8](row["content_hash"] as Data),
                size: row["size"]
            ),
            state: CatalogSnapshotState(rawValue: row["state"]) ?? .missing
        )
    }

    private static func pendingUpload(_ row: Row) -> UploadQueueHead {
        UploadQueueHead(
            sequence: UInt64(max(0, row["sequence"] as Int64)),
            contentHash: [UInt8](row["content_hash"] as Data),
            attempts: row["attempts"],
            notBefore: date(row["next_attempt_at_ms"]) ?? Date(timeIntervalSince1970: 0),
            lastError: row["last_error"]
        )
    }

    private static func date(_ milliseconds: Int64?) -> Date? {
        milliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    private func run<T>(_ body: (Database) throws -> T) throws(LocalStoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw LocalStoreError.catalog(path: path, underlying: String(describing: error))
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(LocalStoreError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw LocalStoreError.catalog(path: path, underlying: String(describing: error))
        }
    }

    /// SQLite creates the WAL and shm files with the database file's mode, so creating the
    /// database 0600 first keeps all three private.
    private static func createPrivateFile(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LocalStoreError.catalog(path: path, underlying: ErrnoCode.describe(errno))
        }
        close(fd)
    }
}
