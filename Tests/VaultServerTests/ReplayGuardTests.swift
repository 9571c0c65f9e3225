import Foundation
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
        #expect(try await guard_.consume("a", expiresAt: 4_000, now: 2_001))
        #expect(try await guard_.consume("a", expiresAt: 5_000, now: 3_999) == false)
        #expect(try await guard_.consume("t5", expiresAt: 9_000, now: 3_005))
    }

    /// Review L2: a token is valid through its expiry millisecond, so it is remembered through
    /// it too; before, the record was dropped at that millisecond and the token accepted again.
    @Test func theExpiryMillisecondIsStillRemembered() async throws {
        let guard_ = MemoryReplayGuard()
        #expect(try await guard_.consume("a", expiresAt: 2_000, now: 1_000))
        #expect(try await guard_.consume("a", expiresAt: 2_000, now: 2_000) == false)
        #expect(try await guard_.consume("a", expiresAt: 3_000, now: 2_001))
    }

    @Test func onlyARestartedStoreRefusesEarlierProofs() {
        #expect(MemoryReplayGuard(startedAt: Date(timeIntervalSince1970: 5)).notBefore == 0)
        #expect(MemoryReplayGuard(startedAt: Date(timeIntervalSince1970: 5), forgotEarlierRequests: true).notBefore == 5_000)
    }
}
