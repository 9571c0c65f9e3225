import Testing
import VaultServer

/// "2xx means committed": the durability settings each backend runs with (docs/vault-api.md "Durability").
@Suite struct DurabilityTests {
    @Test func sqliteIsWALWithSynchronousFull() async throws {
        let repository = try await Backend.sqlite.makeRepository()
        let settings = try await repository.durabilitySettings()
        #expect(settings["journal_mode"] == "wal")
        #expect(settings["synchronous"] == "2", "PRAGMA synchronous must be FULL (2), got \(settings)")
        #expect(settings["page_size"] == String(SQLiteVaultRepository.pageSize), "a new vault file has 16 KiB pages")
        try await repository.close()
    }

    @Test(.enabled(if: Backend.postgresURL != nil, "CASA_TEST_POSTGRES_URL is not set"))
    func postgresCommitsSynchronously() async throws {
        let repository = try await Backend.postgres.makeRepository()
        let settings = try await repository.durabilitySettings()
        #expect(settings["synchronous_commit"] == "on")
        #expect(settings["fsync"] == "on")
        try await repository.close()
    }
}
