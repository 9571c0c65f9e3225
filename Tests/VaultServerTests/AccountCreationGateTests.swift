import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultClient
@testable import VaultServer
import Codecs

/// Review M6: the operator chooses who may open accounts: anyone, invite holders, or whoever
/// pays a proof of work. The default stays open (no client change).
@Suite struct AccountCreationGateTests {
    static func createBody(_ identity: Identity) throws -> [UInt8] {
        [UInt8](try JSONEncoder().encode(CreateAccountRequest(livenessKey: Hex.encode(identity.liveness.publicKey))))
    }

    static func create(_ vault: LiveVault, _ identity: Identity, headers: [String: String] = [:], body: [UInt8]? = nil) async throws -> SignedHTTPClient.Response {
        try await vault.client(identity.owner).send(
            "PUT", VaultPath.account(identity.account), body: try body ?? createBody(identity), contentType: "application/json", headers: headers)
    }

    /// What casa's client sends (`AccountCreationWorkSolver`, the smallest counter that has the bits).
    static func solve(challenge: String, account: AccountID, bits: Int) throws -> String {
        try AccountCreationWorkSolver.solve(challenge: challenge, account: account, bits: bits)
    }

    @Test func inviteTokensGateNewAccountsOnly() async throws {
        let token = "family-invite-0123456789"
        try await LiveVault.withRouter(configure: {
            $0.accountCreation = .invite
            $0.inviteTokenHashes = [Hex.encode(SHA256.hash(Array(token.utf8)))]
        }) { vault in
            let identity = try Identity()
            AttackTests.expect(try await Self.create(vault, identity), 403, .inviteRequired)
            AttackTests.expect(try await Self.create(vault, identity, headers: [VaultHeader.invite: "guess"]), 403, .inviteRequired)
            #expect(try await Self.create(vault, identity, headers: [VaultHeader.invite: token]).status == 201)
            // The owner updates its existing account without the token; the token opens another account too.
            #expect(try await Self.create(vault, identity).status == 200)
            #expect(try await Self.create(vault, try Identity(), headers: [VaultHeader.invite: token]).status == 201)
        }
    }

    @Test func proofOfWorkIsBoundToItsChallengeAndAccountAndSpentOnce() async throws {
        try await LiveVault.withRouter(configure: { $0.accountCreation = .pow; $0.powBits = 10 }) { vault in
            let identity = try Identity()
            AttackTests.expect(try await Self.create(vault, identity), 403, .workRequired)
            let challenge = try await vault.client(nil).raw("POST", VaultPath.challenges).json(ChallengeResponse.self)
            #expect(challenge.workBits == 10)
            let work = try Self.solve(challenge: challenge.challenge, account: identity.account, bits: 10)
            AttackTests.expect(try await Self.create(vault, identity, headers: [VaultHeader.work: challenge.challenge + ":x"]), 403, .workRequired)
            // Spent by a signed request even when its body is then refused; never twice.
            let garbage = try await Self.create(vault, identity, headers: [VaultHeader.work: work], body: Array("{".utf8))
            #expect(garbage.status == 400, "\(garbage)")
            AttackTests.expect(try await Self.create(vault, identity, headers: [VaultHeader.work: work]), 403, .workRequired)

            let fresh = try await vault.client(nil).raw("POST", VaultPath.challenges).json(ChallengeResponse.self)
            let proof = try Self.solve(challenge: fresh.challenge, account: identity.account, bits: 10)
            #expect(try await Self.create(vault, identity, headers: [VaultHeader.work: proof]).status == 201)
        }
    }

    @Test func openIsTheDefaultAndNeedsNothing() async throws {
        try await LiveVault.withRouter { vault in
            #expect(try await Self.create(vault, try Identity()).status == 201)
            let challenge = try await vault.client(nil).raw("POST", VaultPath.challenges).json(ChallengeResponse.self)
            #expect(challenge.workBits == nil)
        }
    }

    @Test func maxAccountsBoundsNewAccountsOnly() async throws {
        try await LiveVault.withRouter(configure: { $0.maxAccounts = 1 }) { vault in
            let identity = try Identity()
            #expect(try await Self.create(vault, identity).status == 201)
            AttackTests.expect(try await Self.create(vault, try Identity()), 507, .vaultFull)
            #expect(try await Self.create(vault, identity).status == 200, "the existing owner still updates")
        }
    }

    @Test func theConfigurationChecksTheGate() throws {
        var configuration = VaultConfiguration()
        try configuration.apply(toml: #"account_creation = "invite""#)
        #expect(throws: VaultConfigurationError.self) { try configuration.validate() }
        #expect(throws: VaultConfigurationError.self) { try configuration.apply(toml: #"account_creation = "closed""#) }
        try configuration.apply(toml: #"invite_token_hashes = ["\#(String(repeating: "ab", count: 32))"]"#)
        try configuration.validate()
    }
}
