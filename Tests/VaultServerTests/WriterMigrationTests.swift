import BlobStorage
import Foundation
import GRDB
import Sodium
import Testing
import TestSupport
import VaultAPI
@testable import VaultServer

/// The `v2-writers` migration on a vault file written before it: old versions keep no writer
/// (retention treats them as one unknown writer), devices start with no usage, and new puts
/// record their writer.
@Suite struct WriterMigrationTests {
    @Test func aVaultFileFromBeforeWritersStillServesAndPrunes() async throws {
        let path = try TemporaryDirectory.create(prefix: "casa-vault-test") + "/vault.sqlite"
        let identity = try Identity()
        let day: Int64 = 86_400_000
        let start: Int64 = 1_700_006_400_000
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v1")
            try await queue.write { db in
                try db.execute(
                    sql: "INSERT INTO account (id, owner_key, liveness_key, created_at, release_window_seconds, keep_daily_days, keep_all_days, used_bytes) VALUES (?, ?, ?, ?, 259200, 365, 3, 20)",
                    arguments: [identity.account.hex, Data(identity.owner.publicKey), Data(identity.liveness.publicKey), start])
                try db.execute(
                    sql: "INSERT INTO device (account_id, key, label, created_at) VALUES (?, ?, 'node', ?)",
                    arguments: [identity.account.hex, Data(identity.device.publicKey), start])
                for (version, at) in [(1, start + 1000), (2, start + 2000)] {
                    let data = BlobStoreConformance.bytes(10, seed: UInt8(version))
                    try db.execute(
                        sql: "INSERT INTO blob (account_id, name, version, size, content_hash, stored_at, data) VALUES (?, 'scb', ?, 10, ?, ?, ?)",
                        arguments: [identity.account.hex, version, Data(try BlobStoreConformance.hash(data).bytes), at, Data(data)])
                }
            }
        }
        let repository = try SQLiteVaultRepository(path: path)
        #expect(try await repository.writers(identity.account, try BlobName("scb")).isEmpty)
        let data = BlobStoreConformance.bytes(10, seed: 3)
        _ = try await repository.putBlob(
            identity.account, try BlobName("scb"), version: 3, data: data, contentHash: try BlobStoreConformance.hash(data),
            limits: .default, now: Date(unixMilliseconds: start + 10 * day),
            authorization: PutAuthorization(signer: identity.device.publicKey, roles: Role.readers, admit: { _ in }))
        #expect(try await repository.writers(identity.account, try BlobName("scb")) == [3: identity.device.publicKey])
        // Day 0's two unknown-writer versions: only the newest is that day's survivor.
        let pruned = try await RetentionPass(repository: repository, clock: VaultClock(now: { Date(unixMilliseconds: start + 10 * day) })).run()
        #expect(pruned == 1)
        let kept = try await repository.versions(identity.account, try BlobName("scb"), after: nil, limit: 10).map(\.version)
        #expect(kept == [2, 3])
        try await repository.close()
    }
}
