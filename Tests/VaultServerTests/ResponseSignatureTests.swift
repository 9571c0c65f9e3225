import BlobStorage
import CurlHTTP
import Foundation
import Sodium
import Synchronization
import Testing
import VaultAPI
import VaultClient
import Codecs

/// The vault's answers are signed (docs/vault-api.md "Signed responses", review M3): a real vault's
/// receipts are accepted, and a man in the middle that answers 201 itself, or replays a real
/// receipt for another request, is refused, so nothing counts as stored.
@Suite struct ResponseSignatureTests {
    static let name = try! BlobName("scb")
    static let data = Array("sealed snapshot".utf8)
    static var hash: ContentHash { try! ContentHash(SHA256.hash(data)) }

    /// The keys a pin recorded.
    final class Recorded: Sendable {
        let keys = Mutex<[[UInt8]]>([])
        var all: [[UInt8]] { keys.withLock { $0 } }
    }

    static func client(_ baseURL: String, _ identity: Identity, key: Ed25519.KeyPair? = nil, pin: VaultResponseKeyPin) throws -> VaultClient {
        var configuration = VaultClientConfiguration(baseURL: baseURL, account: identity.account, security: .loopbackPlainHTTP)
        configuration.retry = RetryPolicy(maxAttempts: 1)
        return try VaultClient(configuration: configuration, key: key ?? identity.device, responseKey: pin)
    }

    static func isRefusedAsUnsigned(_ error: any Error) -> Bool {
        "\(error)".contains("not signed by the vault this device enrolled with")
    }

    @Test func aRealVaultsAnswersAreSignedAndAccepted() async throws {
        try await LiveVault.withServer { vault in
            let identity = try await vault.enroll(Identity())
            let recorded = Recorded()
            let pin = VaultResponseKeyPin(key: nil) { key in recorded.keys.withLock { $0.append(key) } }
            let client = try Self.client(vault.baseURL, identity, pin: pin)
            let receipt = try await client.put(Self.name, version: 1, data: Self.data, contentHash: Self.hash)
            #expect(receipt.version == 1)
            #expect(try await client.list().first?.latest.version == 1)
            #expect(try await client.versions(of: Self.name, after: nil, limit: 10).map(\.version) == [1])
            #expect(try await client.get(Self.name, version: nil).data == Self.data)
            _ = try await Self.client(vault.baseURL, identity, key: identity.liveness, pin: pin).heartbeat()
            // Learned once, from GET /v1/vault-key, and the same key signed everything since.
            #expect(recorded.all == [try await client.vaultKey()])
        }
    }

    @Test func errorsAreSignedForTheirRequestToo() async throws {
        try await LiveVault.withServer { vault in
            let identity = try await vault.enroll(Identity())
            let key = try await Self.client(vault.baseURL, identity, pin: VaultResponseKeyPin(key: nil)).vaultKey()
            var requestSignature = ""
            let response = try await vault.client(identity.device).send("GET", VaultPath.blob(identity.account, Self.name)) {
                requestSignature = $0[VaultHeader.signature] ?? ""
            }
            #expect(response.status == 404)
            let requestBytes = try #require(Hex.decode(requestSignature))
            let message = try #require(SignedResponse.message(
                requestSignature: requestBytes, status: 404, bodySHA256: SHA256.hash(response.body)))
            let header = try #require(response.header(VaultHeader.responseSignature))
            let signature = try #require(Hex.decode(header))
            #expect(Ed25519.verify(signature: signature, message: message, publicKey: key))
            // An unsigned request (a challenge) gets no signature: there is nothing to bind it to.
            #expect(try await vault.client(nil).raw("POST", VaultPath.challenges).header(VaultHeader.responseSignature) == nil)
        }
    }

    /// The MITM answers 201 with a plausible receipt: unsigned, or signed by its own key.
    @Test func aReceiptTheVaultDidNotSignIsRefused() async throws {
        let identity = try Identity()
        let receipt = #"{"name":"scb","version":1,"size":15,"contentHash":"\#(Self.hash.hex)","storedAt":1764085200123}"#
        let mitm = try await CannedHTTPServer.start(.init(
            status: 201, headers: ["Content-Type": "application/json"], body: Array(receipt.utf8)))
        let enrolledWith = try Ed25519.KeyPair.generate().publicKey
        let client = try Self.client(mitm.baseURL, identity, pin: VaultResponseKeyPin(key: enrolledWith))
        await #expect { _ = try await client.put(Self.name, version: 1, data: Self.data, contentHash: Self.hash) } throws: {
            Self.isRefusedAsUnsigned($0)
        }
        let own = try Ed25519.KeyPair.generate()
        mitm.answer(with: .init(
            status: 201, headers: ["Content-Type": "application/json", VaultHeader.responseSignature: Hex.encode(own.sign(Array(receipt.utf8)))],
            body: Array(receipt.utf8)))
        await #expect { _ = try await client.put(Self.name, version: 1, data: Self.data, contentHash: Self.hash) } throws: {
            Self.isRefusedAsUnsigned($0)
        }
        // A listing that claims the snapshot is there already is refused the same way.
        await #expect { _ = try await client.list() } throws: { Self.isRefusedAsUnsigned($0) }
        await mitm.stop()
    }

    /// The MITM kept a real, signed receipt and plays it back for a later upload.
    @Test func aRealReceiptReplayedForAnotherRequestIsRefused() async throws {
        try await LiveVault.withServer { vault in
            let identity = try await vault.enroll(Identity())
            let pin = VaultResponseKeyPin(key: nil)
            _ = try await Self.client(vault.baseURL, identity, pin: pin).list()
            let genuine = try await vault.client(identity.device).send(
                "PUT", VaultPath.version(identity.account, Self.name, 1), body: Self.data, contentType: "application/octet-stream",
                headers: [VaultHeader.contentHash: Self.hash.hex])
            #expect(genuine.status == 201)
            let signature = try #require(genuine.header(VaultHeader.responseSignature))
            let mitm = try await CannedHTTPServer.start(.init(
                status: 201, headers: ["Content-Type": "application/json", VaultHeader.responseSignature: signature], body: genuine.body))
            let client = try Self.client(mitm.baseURL, identity, pin: pin)
            await #expect { _ = try await client.put(Self.name, version: 2, data: Self.data, contentHash: Self.hash) } throws: {
                Self.isRefusedAsUnsigned($0)
            }
            // Even the very same upload again: its new nonce makes a new request signature.
            await #expect { _ = try await client.put(Self.name, version: 1, data: Self.data, contentHash: Self.hash) } throws: {
                Self.isRefusedAsUnsigned($0)
            }
            await mitm.stop()
        }
    }
}
