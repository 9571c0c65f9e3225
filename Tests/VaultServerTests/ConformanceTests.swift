import BlobStorage
import Foundation
import Testing
import TestSupport
import VaultAPI
import VaultServer

/// The `BlobStore` conformance suite on every server backend (one fresh account per check).
@Suite struct ConformanceTests {
    static func factory(_ backend: Backend) -> BlobStoreConformance.Factory {
        { limits in
            let repository = try await backend.makeRepository()
            let identity = try Identity()
            _ = try await repository.createAccount(identity.record())
            return AccountBlobStore(repository: repository, account: identity.account, limits: limits)
        }
    }

    @Test(arguments: BlobStoreConformance.checkNames)
    func memory(_ check: String) async throws {
        try await BlobStoreConformance(makeStore: Self.factory(.memory)).run(check)
    }

    @Test(arguments: BlobStoreConformance.checkNames)
    func sqlite(_ check: String) async throws {
        try await BlobStoreConformance(makeStore: Self.factory(.sqlite)).run(check)
    }

    @Test(.enabled(if: Backend.postgresURL != nil, "CASA_TEST_POSTGRES_URL is not set (scripts/start-postgres prints one)"),
          arguments: BlobStoreConformance.checkNames)
    func postgres(_ check: String) async throws {
        try await BlobStoreConformance(makeStore: Self.factory(.postgres)).run(check)
    }

    /// In CI the PostgreSQL suite must run: a missing database is a failure, not a skip.
    @Test func postgresIsConfiguredInCI() {
        if Backend.inCI {
            #expect(Backend.postgresURL != nil, "CI=true but CASA_TEST_POSTGRES_URL is not set: run scripts/start-postgres")
        }
    }

    /// Over real HTTP on loopback: the HTTP layer (signing, routes, status codes, JSON) keeps the contract.
    /// Each store gets its own server, configured with the limits the check asks for.
    @Test(arguments: BlobStoreConformance.checkNames)
    func liveHTTP(_ check: String) async throws {
        let servers = ServerList()
        do {
            try await BlobStoreConformance(makeStore: { limits in
                let vault = try await LiveVault.start(backend: .sqlite) { $0.limits = limits.withOneDevice }
                await servers.add(vault)
                return try await vault.newAccountStore()
            }).run(check)
        } catch {
            await servers.stopAll()
            throw error
        }
        await servers.stopAll()
    }
}

actor ServerList {
    private var vaults: [LiveVault] = []
    func add(_ vault: LiveVault) { vaults.append(vault) }
    func stopAll() async {
        for vault in vaults { await vault.stop() }
        vaults = []
    }
}
