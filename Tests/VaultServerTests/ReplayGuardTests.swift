import Testing
import VaultServer

/// The single-use record: a token is refused while its record lives and accepted again after.
@Suite struct ReplayGuardTests {
    @Test func memoryGuardRefusesUntilExpiry() async throws {
        let guard_ = MemoryReplayGuard()
        #expect(try await guard_.consume("a", expiresAt: 2_000, now: 1_000))
        #expect(try await guard_.consume("a", expiresAt: 2_500, now: 1_999) == false)
        // Many later tokens push "a" out of the record only once it expired.
        for i in 0..<10_000 { #expect(try await guard_.consume("t\(i)", expiresAt: 3_000 + Int64(i), now: 1_999)) }
        #expect(try await guard_.consume("t5", expiresAt: 9_000, now: 2_000) == false)
        #expect(try await guard_.consume("a", expiresAt: 4_000, now: 2_000))
        #expect(try await guard_.consume("a", expiresAt: 5_000, now: 3_999) == false)
        #expect(try await guard_.consume("t5", expiresAt: 9_000, now: 3_005))
    }
}
