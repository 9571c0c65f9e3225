import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultServer
import Codecs

/// Review M6: a request whose key may not do what it asks is refused before its body is read or
/// hashed. Each request here announces a body and sends none: the old server waited for the body
/// (and answered 408 after the idle timeout); now the refusal comes at once.
@Suite struct EarlyRefusalTests {
    /// The head of a signed request announcing `body` (ending with the blank line).
    static func signedHead(_ method: String, _ path: String, body: [UInt8], key: Ed25519.KeyPair, contentType: String,
                           extra: [String: String] = [:]) -> [UInt8] {
        let signed = SignedRequest(
            method: method, path: path, query: "", bodySHA256: SHA256.hash(body), key: key.publicKey,
            freshness: .timestamp(Int64(Date().timeIntervalSince1970)), nonce: Hex.encode(Random.bytes(16)))
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in extra { head += "\(name): \(value)\r\n" }
        for header in signed.headers(signature: key.sign(signed.canonicalMessage)) { head += "\(header.name): \(header.value)\r\n" }
        return Array((head + "\r\n").utf8)
    }

    /// Sends only `head` and returns the answer if it comes within 2 s (the idle timeout is 20 s).
    static func answerWithoutBody(_ vault: LiveVault, _ head: [UInt8]) async throws -> (status: Int, body: String)? {
        let port = vault.port
        return try await offPool {
            let connection = try RawConnection(port: port)
            try connection.write(head)
            guard connection.isReadable(within: 2000) else { return nil }
            let response = try connection.readResponse()
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
    }

    static func expectEarly(_ answer: (status: Int, body: String)?, _ status: Int, _ code: VaultErrorCode,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let answer else {
            Issue.record("no answer before the body was sent: the server waits for the body", sourceLocation: sourceLocation)
            return
        }
        #expect(answer.status == status && answer.body.contains(code.rawValue), "\(answer)", sourceLocation: sourceLocation)
    }

    @Test func putsByAStrangerARevokedDeviceOrToNoAccountAreRefusedBeforeTheBody() async throws {
        try await LiveVault.withServer(configure: { $0.idleTimeoutSeconds = 20 }) { vault in
            let identity = try await vault.enroll(Identity())
            let body = Random.bytes(4096)
            let hash = try ContentHash(SHA256.hash(body)).hex
            let path = VaultPath.version(identity.account, try BlobName("scb"), 1)
            let octets = "application/octet-stream"

            let stranger = try Ed25519.KeyPair.generate()
            Self.expectEarly(try await Self.answerWithoutBody(
                vault, Self.signedHead("PUT", path, body: body, key: stranger, contentType: octets, extra: [VaultHeader.contentHash: hash])),
                403, .forbidden)

            let nobody = try Identity()
            let noAccount = VaultPath.version(nobody.account, try BlobName("scb"), 1)
            Self.expectEarly(try await Self.answerWithoutBody(
                vault, Self.signedHead("PUT", noAccount, body: body, key: nobody.device, contentType: octets, extra: [VaultHeader.contentHash: hash])),
                404, .accountNotFound)

            // The liveness key may not put.
            Self.expectEarly(try await Self.answerWithoutBody(
                vault, Self.signedHead("PUT", path, body: body, key: identity.liveness, contentType: octets, extra: [VaultHeader.contentHash: hash])),
                403, .forbidden)

            let revoke = try await vault.client(identity.owner).send("DELETE", VaultPath.device(identity.account, key: identity.device.publicKey))
            #expect(revoke.status == 200, "\(revoke)")
            Self.expectEarly(try await Self.answerWithoutBody(
                vault, Self.signedHead("PUT", path, body: body, key: identity.device, contentType: octets, extra: [VaultHeader.contentHash: hash])),
                403, .deviceRevoked)
        }
    }

    @Test func ownerRoutesAndAccountCreationRefuseOtherKeysBeforeTheBody() async throws {
        try await LiveVault.withServer(configure: { $0.idleTimeoutSeconds = 20 }) { vault in
            let identity = try await vault.enroll(Identity())
            let json = "application/json"
            let policy = Array(#"{"releaseWindowSeconds":3600}"#.utf8)
            Self.expectEarly(try await Self.answerWithoutBody(
                vault, Self.signedHead("PUT", VaultPath.policy(identity.account), body: policy, key: identity.device, contentType: json)),
                403, .forbidden)
            // Creating someone else's account: the key is not the owner the id commits to.
            let other = try Identity()
            Self.expectEarly(try await Self.answerWithoutBody(
                vault, Self.signedHead("PUT", VaultPath.account(other.account), body: policy, key: identity.owner, contentType: json)),
                403, .accountMismatch)
        }
    }
}
