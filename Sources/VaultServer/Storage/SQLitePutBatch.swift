import BlobStorage
import Foundation
import GRDB
import VaultAPI

/// One group commit of puts on SQLite, inside the writer's transaction: every put is decided in
/// Swift, in queue order, on the stored state plus the batch's own earlier puts (`PutRules`,
/// `PutAuthorization`), so a refused put writes nothing and needs no savepoint. An accepted put
/// writes its blob row and nothing else per put: account usage is written once per account and
/// batch, and a name's highest version is read from its blob rows (`blob_head` only remembers
/// versions that were deleted, so they are never reused). Accounts and devices come from the
/// `SQLiteAuthCache` entries when known; what the batch reads or changes is in `learned`, for the
/// cache once the batch committed.
struct SQLitePutBatch {
    private struct Head: Hashable {
        let account: String
        let name: String
    }

    private let db: Database
    private(set) var learned: SQLiteAuthCache.Entries
    private var missingAccounts: Set<String> = []
    private var highest: [Head: Int64] = [:]
    private var inserted: [Head: [Int64: BlobInfo]] = [:]
    private var added: [String: Int64] = [:]
    private var addedByDevice: [SQLiteAuthCache.Device: Int64] = [:]

    init(_ db: Database, known: SQLiteAuthCache.Entries) {
        self.db = db
        self.learned = known
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
        var device: SQLiteAuthCache.Device?
        if let authorization = put.authorization {
            let revoked = account == nil ? nil : try deviceRevoked(accountID, authorization.signer)
            if try authorization.check(account?.access, deviceRevoked: revoked, account: put.account) == .device {
                device = SQLiteAuthCache.Device(account: accountID, key: authorization.signer)
            }
        }
        guard var account else { throw BlobStoreError(.notFound, "no account \(accountID.prefix(16))…") }
        let deviceUsed = try device.map { try deviceUsedBytes($0) }
        let latest = try highestVersion(head)
        let version = Int64(clamping: put.version)
        let existing = version <= latest ? try storedInfo(head, put.name, version) : nil
        let outcome = try PutRules.decide(
            version: put.version, size: put.data.count, contentHash: put.contentHash, latestVersion: UInt64(latest),
            existing: existing, usedBytes: account.usedBytes, deviceUsedBytes: deviceUsed, limits: put.limits)
        if case .alreadyStored(let info) = outcome { return (info, false) }
        try db.cachedStatement(sql: "INSERT INTO blob (account_id, name, version, size, content_hash, stored_at, data, writer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [accountID, head.name, version, put.data.count, Data(put.contentHash.bytes), put.storedAt, Data(put.data),
                                 put.writer.map { Data($0) }])
        let size = Int64(put.data.count)
        if let device, let deviceUsed {
            learned.deviceUsage[device] = deviceUsed + size
            addedByDevice[device, default: 0] += size
        }
        account.usedBytes += size
        learned.accounts[accountID] = account
        added[accountID, default: 0] += size
        highest[head] = max(latest, version)
        inserted[head, default: [:]][version] = put.info
        return (put.info, true)
    }

    /// Writes the usage the batch changed, once per account.
    private func finish() throws {
        for (account, bytes) in added {
            try db.cachedStatement(sql: "UPDATE account SET used_bytes = used_bytes + ? WHERE id = ?").execute(arguments: [bytes, account])
        }
        for (device, bytes) in addedByDevice {
            try db.cachedStatement(sql: "UPDATE device SET used_bytes = used_bytes + ? WHERE account_id = ? AND key = ?")
                .execute(arguments: [bytes, device.account, Data(device.key)])
        }
    }

    private mutating func deviceUsedBytes(_ device: SQLiteAuthCache.Device) throws -> Int64 {
        if let known = learned.deviceUsage[device] { return known }
        let used = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT used_bytes FROM device WHERE account_id = ? AND key = ?"),
            arguments: [device.account, Data(device.key)]) ?? 0
        learned.deviceUsage[device] = used
        return used
    }

    private mutating func loadAccount(_ id: AccountID) throws -> SQLiteAuthCache.Account? {
        if let known = learned.accounts[id.hex] { return known }
        if missingAccounts.contains(id.hex) { return nil }
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT owner_key, liveness_key, disabled, used_bytes FROM account WHERE id = ?"), arguments: [id.hex])
        guard let row else {
            missingAccounts.insert(id.hex)
            return nil
        }
        let account = SQLiteAuthCache.Account(
            access: AccountAccess(
                ownerKey: [UInt8](row["owner_key"] as Data), livenessKey: [UInt8](row["liveness_key"] as Data), disabled: row["disabled"]),
            usedBytes: row["used_bytes"])
        learned.accounts[id.hex] = account
        return account
    }

    private mutating func deviceRevoked(_ account: String, _ key: [UInt8]) throws -> Bool? {
        let device = SQLiteAuthCache.Device(account: account, key: key)
        if let known = learned.devices[device] { return known }
        let revoked = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT revoked_at IS NOT NULL AS revoked FROM device WHERE account_id = ? AND key = ?"),
            arguments: [account, Data(key)]
        ).map { $0["revoked"] as Bool }
        learned.devices[device] = .some(revoked)
        return revoked
    }

    private mutating func highestVersion(_ head: Head) throws -> Int64 {
        if let known = highest[head] { return known }
        // Both are one index seek: the blob primary key ends with the version.
        let stored = try Int64.fetchOne(
            db.cachedStatement(sql: """
                SELECT MAX(COALESCE((SELECT MAX(version) FROM blob WHERE account_id = ?1 AND name = ?2), 0),
                           COALESCE((SELECT highest_version FROM blob_head WHERE account_id = ?1 AND name = ?2), 0))
                """),
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
