import BlobStorage
import Foundation
import Testing
import TestSupport
import VaultAPI
import VaultServer

/// Review M5 over HTTP: anonymous floods cannot 429 the devices, and behind a trusted proxy every
/// client has its own budget. The server clock is frozen, so buckets never refill.
@Suite struct AddressBudgetTests {
    static func challenge(_ vault: LiveVault, from client: String? = nil) async throws -> Int {
        try await vault.client(nil).raw("POST", VaultPath.challenges, headers: client.map { ["X-Forwarded-For": $0] } ?? [:]).status
    }

    @Test func anAnonymousFloodLeavesTheDevicesTheirBudget() async throws {
        try await LiveVault.withServer(clock: TestClock().vaultClock, configure: { $0.addressRate = 1; $0.addressBurst = 3 }) { vault in
            let identity = try await vault.enroll(Identity())
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await Self.challenge(vault)) }
            #expect(statuses.last == 429, "\(statuses)")
            // Same address: signed requests are charged to their account, not to the flood.
            let list = try await vault.client(identity.device).send("GET", VaultPath.blobs(identity.account))
            #expect(list.status == 200, "\(list)")
            let heartbeat = try await vault.client(identity.liveness).send("POST", VaultPath.heartbeats(identity.account))
            #expect(heartbeat.status == 200, "\(heartbeat)")
        }
    }

    @Test func behindATrustedProxyEachClientHasItsOwnBudget() async throws {
        try await LiveVault.withServer(clock: TestClock().vaultClock, configure: { $0.addressRate = 1; $0.addressBurst = 3 }) { vault in
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(try await Self.challenge(vault, from: "198.51.100.7")) }
            #expect(statuses.last == 429, "\(statuses)")
            #expect(try await Self.challenge(vault, from: "198.51.100.8") == 200, "another client behind the proxy")
            // A forged left part does not buy a new budget: the proxy appends the real address.
            #expect(try await Self.challenge(vault, from: "203.0.113.1, 198.51.100.7") == 429)
            // IPv6 clients count by /64.
            for _ in 0..<3 { _ = try await Self.challenge(vault, from: "2001:db8:0:1::1") }
            #expect(try await Self.challenge(vault, from: "2001:db8:0:1::2") == 429)
        }
    }

    @Test func fromAnUntrustedPeerTheHeaderIsIgnored() async throws {
        try await LiveVault.withServer(
            clock: TestClock().vaultClock, configure: { $0.addressRate = 1; $0.addressBurst = 3; $0.trustedProxies = [] }
        ) { vault in
            for i in 0..<3 { _ = try await Self.challenge(vault, from: "198.51.100.\(i)") }
            #expect(try await Self.challenge(vault, from: "198.51.100.99") == 429)
        }
    }

    @Test func failedSignaturesSpendOnlyTheirAddresssBudget() async throws {
        try await LiveVault.withServer(clock: TestClock().vaultClock, configure: { $0.addressRate = 1; $0.addressBurst = 3 }) { vault in
            let identity = try await vault.enroll(Identity())
            let forged = ["X-Forwarded-For": "198.51.100.7"]
            var statuses: [Int] = []
            for _ in 0..<5 {
                statuses.append(try await vault.client(identity.device).send("GET", VaultPath.blobs(identity.account), headers: forged) { headers in
                    headers[VaultHeader.signature] = String(repeating: "0", count: 128)
                }.status)
            }
            #expect(statuses == [401, 401, 401, 429, 429], "\(statuses)")
            let elsewhere = try await vault.client(identity.device).send("GET", VaultPath.blobs(identity.account), headers: ["X-Forwarded-For": "198.51.100.8"])
            #expect(elsewhere.status == 200, "\(elsewhere)")
        }
    }

    @Test func madeUpKeysAndAccountsSpendTheAddresssBudgetToo() async throws {
        try await LiveVault.withServer(clock: TestClock().vaultClock, configure: { $0.addressRate = 1; $0.addressBurst = 3 }) { vault in
            var statuses: [Int] = []
            for _ in 0..<5 {
                let stranger = try Identity()
                statuses.append(try await vault.client(stranger.device).send(
                    "GET", VaultPath.blobs(stranger.account), headers: ["X-Forwarded-For": "198.51.100.9"]).status)
            }
            #expect(statuses == [404, 404, 404, 429, 429], "\(statuses)")
        }
    }
}
