import BlobStorage
import Foundation
import Logging
import NIOCore
import PostgresNIO
import VaultAPI

/// One group commit of puts on PostgreSQL: a handful of set-based statements per batch, whatever
/// its size, in one transaction (one WAL flush).
///
/// The batch locks its accounts' rows in id order (`FOR UPDATE`), so puts of one account are
/// serialised across vault processes and two processes' batches cannot deadlock. The rules of
/// `PutRules` are applied in Swift, in queue order, on the state read under those locks plus
/// the batch's own earlier puts.
struct PostgresPutBatch: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// One result per put, in order. If the transaction fails as a whole, a batch of several puts
    /// is retried one put per transaction, so one bad put cannot fail the others.
    func commit(_ batch: [PendingPut]) async -> [Result<PendingPut.Outcome, any Error>] {
        do {
            return try await PostgresVaultRepository.transaction(client, logger: logger) { conn in
                try await run(batch, on: conn)
            }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<PendingPut.Outcome, any Error>] = []
            for put in batch { results += await commit([put]) }
            return results
        }
    }

    /// Head key of a blob: account and name.
    private struct Head: Hashable {
        let account: String
        let name: String
    }

    /// Key of one version.
    private struct Version: Hashable {
        let head: Head
        let version: Int64
    }

    /// A signing key on an account.
    private struct Signer: Hashable {
        let account: String
        let key: [UInt8]
    }

    /// A signing device: whether it was revoked and the bytes of kept versions it uploaded.
    private struct SigningDevice {
        let revoked: Bool
        var usedBytes: Int64
    }

    /// Which puts' signers are devices of their accounts (locked: their usage changes with the puts).
    private func signingDevices(_ batch: [PendingPut], on conn: PostgresConnection) async throws -> [Signer: SigningDevice] {
        let signers = Array(Set(batch.compactMap { put in put.authorization.map { Signer(account: put.account.hex, key: $0.signer) } }))
        guard !signers.isEmpty else { return [:] }
        var devices: [Signer: SigningDevice] = [:]
        for try await (account, key, isRevoked, used) in try await conn.query(
            """
            SELECT d.account_id, d.key, d.revoked_at IS NOT NULL, d.used_bytes FROM device d
            JOIN unnest(\(signers.map(\.account))::TEXT[], \(signers.map { ByteBuffer(bytes: $0.key) })::BYTEA[]) AS k(account_id, key)
              ON d.account_id = k.account_id AND d.key = k.key
            """, logger: logger
        ).decode((String, Data, Bool, Int64).self) {
            devices[Signer(account: account, key: [UInt8](key))] = SigningDevice(revoked: isRevoked, usedBytes: used)
        }
        return devices
    }

    private func run(_ batch: [PendingPut], on conn: PostgresConnection) async throws -> [Result<PendingPut.Outcome, any Error>] {
        let accountIDs = Array(Set(batch.map(\.account.hex))).sorted()
        var used: [String: Int64] = [:]
        var access: [String: AccountAccess] = [:]
        for try await (id, bytes, owner, liveness, disabled) in try await conn.query(
            "SELECT id, used_bytes, owner_key, liveness_key, disabled FROM account WHERE id = ANY(\(accountIDs)) ORDER BY id FOR UPDATE",
            logger: logger
        ).decode((String, Int64, Data, Data, Bool).self) {
            used[id] = bytes
            access[id] = AccountAccess(ownerKey: [UInt8](owner), livenessKey: [UInt8](liveness), disabled: disabled)
        }
        var devices = try await signingDevices(batch, on: conn)
        var addedByDevice: [Signer: Int64] = [:]

        let heads = batch.map { Head(account: $0.account.hex, name: $0.name.rawValue) }
        var highest: [Head: Int64] = [:]
        for try await (account, name, version) in try await conn.query(
            """
            SELECT h.account_id, h.name, h.highest_version FROM blob_head h
            JOIN unnest(\(heads.map(\.account))::TEXT[], \(heads.map(\.name))::TEXT[]) AS k(account_id, name)
              ON h.account_id = k.account_id AND h.name = k.name
            """, logger: logger
        ).decode((String, String, Int64).self) { highest[Head(account: account, name: name)] = version }

        var existing: [Version: BlobInfo] = [:]
        let versions = batch.map { Int64(clamping: $0.version) }
        for try await (account, name, version, size, hash, storedAt) in try await conn.query(
            """
            SELECT b.account_id, b.name, b.version, b.size, b.content_hash, b.stored_at FROM blob b
            JOIN unnest(\(heads.map(\.account))::TEXT[], \(heads.map(\.name))::TEXT[], \(versions)::BIGINT[]) AS k(account_id, name, version)
              ON b.account_id = k.account_id AND b.name = k.name AND b.version = k.version
            """, logger: logger
        ).decode((String, String, Int64, Int64, Data, Int64).self) {
            let blobName = try BlobName(name)
            existing[Version(head: Head(account: account, name: name), version: version)] =
                try PostgresVaultRepository.info(blobName, (version, size, hash, storedAt))
        }

        // Decide every put in order against the locked state and the batch's earlier puts.
        var results: [Result<PendingPut.Outcome, any Error>] = []
        var inserts: [PendingPut] = []
        for (put, head) in zip(batch, heads) {
            results.append(Result {
                var device: Signer?
                if let authorization = put.authorization {
                    let signer = Signer(account: head.account, key: authorization.signer)
                    if try authorization.check(access[head.account], deviceRevoked: devices[signer]?.revoked, account: put.account) == .device {
                        device = signer
                    }
                }
                guard let usedBytes = used[head.account] else {
                    throw BlobStoreError(.notFound, "no account \(head.account.prefix(16))…")
                }
                let key = Version(head: head, version: Int64(clamping: put.version))
                let outcome = try PutRules.decide(
                    version: put.version, size: put.data.count, contentHash: put.contentHash,
                    latestVersion: UInt64(clamping: highest[head] ?? 0), existing: existing[key], usedBytes: usedBytes,
                    deviceUsedBytes: device.flatMap { devices[$0]?.usedBytes }, limits: put.limits)
                if case .alreadyStored(let info) = outcome { return (info, false) }
                if let device {
                    devices[device]?.usedBytes += Int64(put.data.count)
                    addedByDevice[device, default: 0] += Int64(put.data.count)
                }
                highest[head] = key.version
                existing[key] = put.info
                used[head.account] = usedBytes + Int64(put.data.count)
                inserts.append(put)
                return (put.info, true)
            })
        }
        guard !inserts.isEmpty else { return results }

        let data = inserts.map { ByteBuffer(bytes: $0.data) }
        let hashes = inserts.map { ByteBuffer(bytes: $0.contentHash.bytes) }
        // An unknown writer travels as empty bytes (no NULL inside the array) and is stored as NULL.
        let writers = inserts.map { ByteBuffer(bytes: $0.writer ?? []) }
        try await conn.query(
            """
            INSERT INTO blob (account_id, name, version, size, content_hash, stored_at, data, writer)
            SELECT a, n, v, s, h, t, d, NULLIF(w, ''::BYTEA)
            FROM unnest(\(inserts.map(\.account.hex))::TEXT[], \(inserts.map(\.name.rawValue))::TEXT[],
                        \(inserts.map { Int64(clamping: $0.version) })::BIGINT[], \(inserts.map { Int64($0.data.count) })::BIGINT[],
                        \(hashes)::BYTEA[], \(inserts.map(\.storedAt))::BIGINT[], \(data)::BYTEA[], \(writers)::BYTEA[])
                 AS p(a, n, v, s, h, t, d, w)
            """, logger: logger)
        // One row per head and per account (ON CONFLICT may touch a row only once per statement).
        var newHeads: [Head: Int64] = [:]
        var added: [String: Int64] = [:]
        for put in inserts {
            newHeads[Head(account: put.account.hex, name: put.name.rawValue), default: 0] = Int64(clamping: put.version)
            added[put.account.hex, default: 0] += Int64(put.data.count)
        }
        let headList = Array(newHeads)
        try await conn.query(
            """
            INSERT INTO blob_head (account_id, name, highest_version)
            SELECT * FROM unnest(\(headList.map(\.key.account))::TEXT[], \(headList.map(\.key.name))::TEXT[], \(headList.map(\.value))::BIGINT[])
            ON CONFLICT (account_id, name) DO UPDATE SET highest_version = EXCLUDED.highest_version
            """, logger: logger)
        let addedList = Array(added)
        try await conn.query(
            """
            UPDATE account SET used_bytes = account.used_bytes + d.bytes
            FROM unnest(\(addedList.map(\.key))::TEXT[], \(addedList.map(\.value))::BIGINT[]) AS d(id, bytes)
            WHERE account.id = d.id
            """, logger: logger)
        // Each signing device's usage, once per device.
        if !addedByDevice.isEmpty {
            let list = Array(addedByDevice)
            try await conn.query(
                """
                UPDATE device SET used_bytes = device.used_bytes + u.bytes
                FROM unnest(\(list.map(\.key.account))::TEXT[], \(list.map { ByteBuffer(bytes: $0.key.key) })::BYTEA[],
                            \(list.map(\.value))::BIGINT[]) AS u(account_id, key, bytes)
                WHERE device.account_id = u.account_id AND device.key = u.key
                """, logger: logger)
        }
        return results
    }
}
