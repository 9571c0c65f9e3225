import BlobStorage
import CurlHTTP
import Testing
import TestSupport
import VaultAPI
import VaultClient
import VaultServer

/// The `BlobStore` conformance suite through the product's client (`VaultClient`, libcurl) against
/// a live vault on loopback: the client implements the same storage protocol as the backends, so
/// the agent and recovery can swap it for the in-memory store. One server per store, configured
/// with the limits the check asks for.
@Suite struct ClientConformanceTests {
    /// A store factory that starts a vault on `backend`, enrolls a fresh account and returns a
    /// `VaultClient` signing with its device key, proving freshness with `freshness`.
    static func factory(
        _ backend: Backend, freshness: VaultClientConfiguration.FreshnessMode, servers: ServerList
    ) -> BlobStoreConformance.Factory {
        { limits in
            let vault = try await LiveVault.start(backend: backend) { $0.limits = limits.withOneDevice }
            await servers.add(vault)
            let identity = try await vault.enroll(Identity())
            let configuration = VaultClientConfiguration(
                baseURL: vault.baseURL, account: identity.account, security: .loopbackPlainHTTP, freshness: freshness)
            // Every answer held to the vault's response key (docs/vault-api.md "Signed responses").
            return try VaultClient(configuration: configuration, key: identity.device, responseKey: VaultResponseKeyPin(key: nil))
        }
    }

    static func run(_ check: String, _ backend: Backend, freshness: VaultClientConfiguration.FreshnessMode = .timestamp) async throws {
        let servers = ServerList()
        do {
            try await BlobStoreConformance(makeStore: factory(backend, freshness: freshness, servers: servers)).run(check)
        } catch {
            await servers.stopAll()
            throw error
        }
        await servers.stopAll()
    }

    @Test(arguments: BlobStoreConformance.checkNames)
    func sqlite(_ check: String) async throws {
        try await Self.run(check, .sqlite)
    }

    /// A device without a real-time clock signs with server challenges: same contract.
    @Test(arguments: BlobStoreConformance.checkNames)
    func sqliteWithChallenges(_ check: String) async throws {
        try await Self.run(check, .sqlite, freshness: .challenge)
    }

    @Test(.enabled(if: Backend.postgresURL != nil, "CASA_TEST_POSTGRES_URL is not set (scripts/start-postgres prints one)"),
          arguments: BlobStoreConformance.checkNames)
    func postgres(_ check: String) async throws {
        try await Self.run(check, .postgres)
    }
}
