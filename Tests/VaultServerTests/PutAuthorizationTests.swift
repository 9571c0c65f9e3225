import BlobStorage
import Foundation
import Sodium
import Synchronization
import TestSupport
import Testing
import VaultAPI
@testable import VaultServer

/// A put authorizes its signer inside its own transaction (no account read before it), on every
/// backend: only the owner and active devices of an enabled account may put, and the account's
/// rate budget is charged only once the signer belongs to the account.
@Suite struct PutAuthorizationTests {
    /// Counts the rate-limit charges, and refuses once `budget` is spent.
    final class Budget: Sendable {
        let charged = Mutex(0)
        let budget: Int

        init(_ budget: Int = .max) { self.budget = budget }

        func admit(_: AccountID) throws {
            try charged.withLock { count in
                guard count < budget else { throw VaultError(BlobStoreError(.rateLimited, "over budget")) }
                count += 1
            }
        }
    }

    static let limits = BlobStoreLimits(maxBlobSize: 4096, quotaBytes: 1 << 20)

    static func put(
        _ repository: any VaultRepository, _ account: AccountID, version: UInt64, signer: [UInt8], budget: Budget,
        name: String = "scb"
    ) async throws -> (info: BlobInfo, created: Bool) {
        let data = BlobStoreConformance.bytes(64, seed: UInt8(truncatingIfNeeded: version))
        return try await repository.putBlob(
            account, try BlobName(name), version: version, data: data, contentHash: try BlobStoreConformance.hash(data),
            limits: limits, now: Date(),
            authorization: PutAuthorization(signer: signer, roles: Role.readers) { try budget.admit($0) })
    }

    /// The error code a put fails with (nil if it succeeded): the vault's, or the storage rules'.
    static func refusal(_ work: () async throws -> (info: BlobInfo, created: Bool)) async -> String? {
        do {
            _ = try await work()
            return nil
        } catch let error as VaultError {
            return error.body.code
        } catch let error as BlobStoreError {
            return error.code.rawValue
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test(arguments: Backend.available)
    func onlyOwnerAndActiveDevicesPut(_ backend: Backend) async throws {
        let repository = try await backend.makeRepository()
        let identity = try Identity()
        #expect(try await repository.createAccount(identity.record()))
        let budget = Budget()
        #expect(try await Self.put(repository, identity.account, version: 1, signer: identity.device.publicKey, budget: budget).created)
        #expect(try await Self.put(repository, identity.account, version: 2, signer: identity.owner.publicKey, budget: budget).created)
        #expect(budget.charged.withLock { $0 } == 2)

        let stranger = try Identity()
        let refusals = [
            await Self.refusal { try await Self.put(repository, identity.account, version: 3, signer: stranger.device.publicKey, budget: budget) },
            await Self.refusal { try await Self.put(repository, identity.account, version: 3, signer: identity.liveness.publicKey, budget: budget) },
            await Self.refusal { try await Self.put(repository, stranger.account, version: 1, signer: stranger.device.publicKey, budget: budget) },
        ]
        #expect(refusals == ["forbidden", "forbidden", "account_not_found"])
        #expect(budget.charged.withLock { $0 } == 2, "a refused signer does not spend the account's rate budget")

        try await repository.revokeDevice(identity.account, key: identity.device.publicKey, at: 1)
        #expect(await Self.refusal { try await Self.put(repository, identity.account, version: 3, signer: identity.device.publicKey, budget: budget) } == "device_revoked")
        try await repository.setDisabled(identity.account, true)
        #expect(await Self.refusal { try await Self.put(repository, identity.account, version: 3, signer: identity.owner.publicKey, budget: budget) } == "account_disabled")
        try await repository.setDisabled(identity.account, false)
        let spent = Budget(0)
        #expect(await Self.refusal { try await Self.put(repository, identity.account, version: 3, signer: identity.owner.publicKey, budget: spent) } == "rate_limited")

        let versions = try await repository.versions(identity.account, try BlobName("scb"), after: nil, limit: 10)
        #expect(versions.map(\.version) == [1, 2], "no refused put stored anything")
        #expect(try await repository.account(identity.account)?.usedBytes == 128)
        try await repository.close()
    }

    /// Concurrent puts share group commits: refused signers fail alone, accepted puts are stored.
    @Test(arguments: Backend.available)
    func refusalsInsideABatchFailAlone(_ backend: Backend) async throws {
        let repository = try await backend.makeRepository()
        let identity = try Identity()
        let stranger = try Identity()
        #expect(try await repository.createAccount(identity.record()))
        let budget = Budget()
        let outcomes = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for index in 0..<32 {
                let signer = index % 4 == 3 ? stranger.device.publicKey : identity.device.publicKey
                group.addTask {
                    (index, await Self.refusal {
                        try await Self.put(repository, identity.account, version: 1, signer: signer, budget: budget, name: "n\(index)")
                    })
                }
            }
            var outcomes: [Int: String] = [:]
            for try await (index, refusal) in group { outcomes[index] = refusal ?? "stored" }
            return outcomes
        }
        for index in 0..<32 {
            #expect(outcomes[index] == (index % 4 == 3 ? "forbidden" : "stored"), "put \(index)")
        }
        let names = try await repository.listBlobs(identity.account).map(\.latest.name.rawValue).sorted()
        #expect(names == (0..<32).filter { $0 % 4 != 3 }.map { "n\($0)" }.sorted())
        #expect(budget.charged.withLock { $0 } == 24)
        #expect(try await repository.account(identity.account)?.usedBytes == 24 * 64)
        try await repository.close()
    }
}
