import BlobStorage
import Sodium
import Testing
import VaultAPI
@testable import VaultServer

/// A name's versions are never reused, even after the owner deleted them: otherwise a stale or
/// cloned device could write an old number again and a reader could not tell the histories apart.
@Suite struct VersionReuseTests {
    @Test(arguments: Backend.available)
    func deletedVersionsAreNotReused(_ backend: Backend) async throws {
        let repository = try await backend.makeRepository()
        let identity = try Identity()
        #expect(try await repository.createAccount(identity.record()))
        let budget = PutAuthorizationTests.Budget()
        func put(_ version: UInt64) async -> String? {
            await PutAuthorizationTests.refusal {
                try await PutAuthorizationTests.put(repository, identity.account, version: version, signer: identity.device.publicKey, budget: budget)
            }
        }
        let name = try BlobName("scb")
        #expect(await put(1) == nil)
        #expect(await put(2) == nil)
        #expect(await put(3) == nil)

        #expect(try await repository.deleteBlob(identity.account, name, version: 3) == 1)
        #expect(await put(3) == "version_conflict", "the deleted latest version is not written again")
        #expect(await put(4) == nil)

        #expect(try await repository.deleteBlob(identity.account, name, version: nil) == 3)
        #expect(await put(1) == "version_conflict", "a name deleted as a whole keeps counting")
        #expect(await put(4) == "version_conflict")
        #expect(await put(5) == nil)
        let versions = try await repository.versions(identity.account, name, after: nil, limit: 10)
        #expect(versions.map(\.version) == [5])
        #expect(try await repository.account(identity.account)?.usedBytes == 64)
        try await repository.close()
    }
}
