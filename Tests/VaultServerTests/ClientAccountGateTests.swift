import BlobStorage
import CurlHTTP
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultClient
@testable import VaultServer
import Codecs

/// casa's own client opens accounts on gated vaults (review M6): it sends the invite token it
/// was given, and pays a vault's proof of work by itself.
@Suite struct ClientAccountGateTests {
    static func owner(_ vault: LiveVault, _ identity: Identity) throws -> VaultClient {
        try VaultClient(configuration: VaultClientConfiguration(baseURL: vault.baseURL, account: identity.account, security: .loopbackPlainHTTP),
                        key: identity.owner)
    }

    static func request(_ identity: Identity) -> CreateAccountRequest {
        CreateAccountRequest(livenessKey: Hex.encode(identity.liveness.publicKey))
    }

    @Test func theClientPaysAProofOfWork() async throws {
        try await LiveVault.withServer(configure: { $0.accountCreation = .pow; $0.powBits = 12 }) { vault in
            let identity = try Identity()
            let account = try await Self.owner(vault, identity).createAccount(Self.request(identity))
            #expect(account.account == identity.account.hex)
        }
    }

    @Test func theClientSendsItsInviteAndIsRefusedWithout() async throws {
        let token = "invite-for-alice-42"
        try await LiveVault.withServer(configure: {
            $0.accountCreation = .invite
            $0.inviteTokenHashes = [Hex.encode(SHA256.hash(Array(token.utf8)))]
        }) { vault in
            let refused = try Identity()
            await #expect {
                _ = try await Self.owner(vault, refused).createAccount(Self.request(refused))
            } throws: { ($0 as? BlobStoreError)?.detailCode == VaultErrorCode.inviteRequired.rawValue }
            let invited = try Identity()
            let account = try await Self.owner(vault, invited).createAccount(Self.request(invited), invite: token)
            #expect(account.account == invited.account.hex)
        }
    }

    @Test func aProofBeyondWhatASmallBoxShouldPayIsAClearError() throws {
        #expect(throws: BlobStoreError.self) {
            try AccountCreationWorkSolver.solve(challenge: "00", account: try Identity().account, bits: AccountCreationWorkSolver.maximumBits + 1)
        }
    }
}
