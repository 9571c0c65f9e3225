import BlobStorage
import Foundation
import Sodium
import Testing
import VaultAPI
@testable import VaultServer
import TestSupport

/// The SQLite put batches keep accounts and devices between group commits; a change made by
/// another process on the same file (`casa-vault account disable` while the server runs) must
/// still stop the next put.
@Suite struct SQLiteAuthCacheTests {
    @Test func anotherConnectionsChangesStopTheNextPut() async throws {
        let directory = try TemporaryDirectory.create(prefix: "casa-vault-test")
        let server = try SQLiteVaultRepository(directory: directory)
        let other = try SQLiteVaultRepository(directory: directory)
        let identity = try Identity()
        #expect(try await server.createAccount(identity.record()))
        let budget = PutAuthorizationTests.Budget()
        func put(_ version: UInt64, _ signer: [UInt8]) async -> String? {
            await PutAuthorizationTests.refusal {
                try await PutAuthorizationTests.put(server, identity.account, version: version, signer: signer, budget: budget)
            }
        }
        #expect(await put(1, identity.device.publicKey) == nil, "the batch learns the account and the device")

        try await other.revokeDevice(identity.account, key: identity.device.publicKey, at: 1)
        #expect(await put(2, identity.device.publicKey) == "device_revoked")

        try await other.setDisabled(identity.account, true)
        #expect(await put(2, identity.owner.publicKey) == "account_disabled")
        try await other.setDisabled(identity.account, false)
        #expect(await put(2, identity.owner.publicKey) == nil)

        // Usage written by the other process (a delete) is what the next quota check starts from.
        #expect(try await other.deleteBlob(identity.account, try BlobName("scb"), version: 1) == 1)
        #expect(await put(3, identity.owner.publicKey) == nil)
        #expect(try await server.account(identity.account)?.usedBytes == 128)
        try await other.close()
        try await server.close()
    }
}
