import BlobStorage
import Foundation
import GRDB
import VaultAPI

/// One group commit of puts on SQLite, inside the writer's transaction: every put is decided in
/// Swift, in queue order, on the stored state plus the batch's own earlier puts (`PutRules`,
/// `PutAuthorization`), so a refused put writes nothing and needs no savepoint. Accepted puts
/// insert their blob row at once; blob heads and account usage are written once per batch.
/// Reads use statements prepared once per connection (the hot path of every upload).
struct SQLitePutBatch {
    private struct Head: Hashable {
        let account: String
        let name: String
    }

    private struct Account {
        let access: AccountAccess
        var usedBytes: Int64
    }

    private let db: Database
    private var accounts: [String: Account?] = [:]
    private var highest: [Head: Int64] = [:]
    private var inserted: [Head: [Int64: BlobInfo]] = [:]
    private var added: [String: Int64] = [:]

    init(_ db: Database) {
        self.db = db
    }

    /// One result per put, in order. Throws only if the database fails (the caller rolls back).
    mutating func run(_ batch: [PendingPut]) throws -> [Result<PendingPut.Outcome, any Error>] {
        var results: [Result<PendingPut.Outcome, any Error>] = []
        results.reserveCapacity(batch.count)
        for put in batch {
            do {
                results.append(.success(try decideAndInsert(put)))
            } catch let error as DatabaseError {
                throw error
            } catch {
                results.append(.failure(error))
            }
        }
        try finish()
        return results
    }

    private mutating func decideAndInsert(_ put: PendingPut) throws -> PendingPut.Outcome {
        let accountID = put.account.hex
        let head = Head(account: accountID, name: put.name.rawValue)
        let account = try loadAccount(put.account)
        if let authorization = put.authorization {
            try authorization.check(account?.access, deviceRevoked: try deviceRevoked(accountID, authorization.signer), account: put.account)
        }
        guard let account else { throw BlobStoreError(.notFound, "no account \(accountID.prefix(16))…") }
        let latest = try highestVersion(head)
        let version = Int64(clamping: put.version)
        let existing = version <= latest ? try storedInfo(head, put.name, version) : nil
        let outcome = try PutRules.decide(
            version: put.version, size: put.data.count, contentHash: put.contentHash, latestVersion: UInt64(latest),
            existing: existing, usedBytes: account.usedBytes, limits: put.limits)
        if case .alreadyStored(let info) = outcome { return (info, false) }
        try db.cachedStatement(sql: "INSERT INTO blob (account_id, name, version, size, content_hash, stored_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [accountID, head.name, version, put.data.count, Data(put.contentHash.bytes), put.storedAt, Data(put.data)])
        let size = Int64(put.data.count)
        accounts[accountID] = Account(access: account.access, usedBytes: account.usedBytes + size)
        added[accountID, default: 0] += size
        highest[head] = max(latest, version)
        inserted[head, default: [:]][version] = put.info
        return (put.info, true)
    }

    /// Writes the heads and usage the batch changed: once per blob name and per account.
    private func finish() throws {
        for (head, version) in highest where inserted[head] != nil {
            try db.cachedStatement(sql: """
                INSERT INTO blob_head (account_id, name, highest_version) VALUES (?, ?, ?)
                ON CONFLICT (account_id, name) DO UPDATE SET highest_version = excluded.highest_version
                """).execute(arguments: [head.account, head.name, version])
        }
        for (account, bytes) in added {
            try db.cachedStatement(sql: "UPDATE account SET used_bytes = used_bytes + ? WHERE id = ?").execute(arguments: [bytes, account])
        }
    }

    private mutating func loadAccount(_ id: AccountID) throws -> Account? {
        if let known = accounts[id.hex] { return known }
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT owner_key, liveness_key, disabled, used_bytes FROM account WHERE id = ?"), arguments: [id.hex])
        let account = row.map { row in
            Account(
                access: AccountAccess(
                    ownerKey: [UInt8](row["owner_key"] as Data), livenessKey: [UInt8](row["liveness_key"] as Data),
                    disabled: row["disabled"]),
                usedBytes: row["used_bytes"])
        }
        accounts[id.hex] = .some(account)
        return account
    }

    private func deviceRevoked(_ account: String, _ key: [UInt8]) throws -> Bool? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT revoked_at IS NOT NULL AS revoked FROM device WHERE account_id = ? AND key = ?"),
            arguments: [account, Data(key)]
        ).map { $0["revoked"] }
    }

    private mutating func highestVersion(_ head: Head) throws -> Int64 {
        if let known = highest[head] { return known }
        let stored = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT highest_version FROM blob_head WHERE account_id = ? AND name = ?"),
            arguments: [head.account, head.name]) ?? 0
        highest[head] = stored
        return stored
    }

    private func storedInfo(_ head: Head, _ name: BlobName, _ version: Int64) throws -> BlobInfo? {
        if let info = inserted[head]?[version] { return info }
        return try Row.fetchOne(
            db.cachedStatement(sql: "SELECT version, size, content_hash, stored_at FROM blob WHERE account_id = ? AND name = ? AND version = ?"),
            arguments: [head.account, head.name, version]
        ).map { try SQLiteVaultRepository.info(name, $0) }
    }
}
