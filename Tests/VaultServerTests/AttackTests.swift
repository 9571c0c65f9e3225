import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultServer
import Codecs

/// The attack list of issue 4, each sent to the production application's router (HummingbirdTesting),
/// with its status and error code. The attacks on the HTTP layer itself (oversized headers, bytes that
/// are not HTTP) are in AttackTests+Protocol.swift, over real HTTP.
@Suite struct AttackTests {
    static let octets = "application/octet-stream"

    /// A vault with one enrolled account and one stored version of `scb`.
    static func withAccount(
        clock: VaultClock = .system, configure: @escaping (inout VaultConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (LiveVault, Identity) async throws -> Void
    ) async throws {
        try await LiveVault.withRouter(clock: clock, configure: configure) { vault in
            let identity = try await vault.enroll(Identity())
            let data = BlobStoreConformance.bytes(100, seed: 1)
            let put = try await vault.client(identity.device).send(
                "PUT", VaultPath.version(identity.account, try BlobName("scb"), 1), body: data, contentType: octets,
                headers: [VaultHeader.contentHash: try BlobStoreConformance.hash(data).hex])
            #expect(put.status == 201, "setup put: \(put)")
            try await body(vault, identity)
        }
    }

    static func expect(_ response: SignedHTTPClient.Response, _ status: Int, _ code: VaultErrorCode, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "expected \(status) \(code.rawValue), got \(response)", sourceLocation: sourceLocation)
        #expect(response.errorCode == code.rawValue, "expected \(code.rawValue), got \(response)", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    }

    @Test func noSignatureIs401() async throws {
        try await Self.withAccount { vault, identity in
            let response = try await vault.client(nil).send("GET", VaultPath.blobs(identity.account))
            Self.expect(response, 401, .missingSignature)
        }
    }

    @Test func badSignatureIs401() async throws {
        try await Self.withAccount { vault, identity in
            let response = try await vault.client(identity.device).send("GET", VaultPath.blobs(identity.account)) { headers in
                var signature = Array(headers[VaultHeader.signature]!)
                signature[0] = signature[0] == "0" ? "1" : "0"
                headers[VaultHeader.signature] = String(signature)
            }
            Self.expect(response, 401, .badSignature)
            // A valid signature by another key, presented under the device's key, is also bad.
            let impostor = try Ed25519.KeyPair.generate()
            let swapped = try await vault.client(impostor).send("GET", VaultPath.blobs(identity.account)) { headers in
                headers[VaultHeader.key] = Hex.encode(identity.device.publicKey)
            }
            Self.expect(swapped, 401, .badSignature)
        }
    }

    @Test func signatureBindsBodyPathAndQuery() async throws {
        try await Self.withAccount { vault, identity in
            let name = try BlobName("scb")
            // Sign one body, send another.
            let signed = BlobStoreConformance.bytes(50, seed: 2)
            let client = vault.client(identity.device)
            let (path, query) = SignedRequest.splitTarget(VaultPath.version(identity.account, name, 2))
            let request = SignedRequest(method: "PUT", path: path, query: query, bodySHA256: SHA256.hash(signed),
                                        key: identity.device.publicKey, freshness: .timestamp(Int64(Date().timeIntervalSince1970)),
                                        nonce: Hex.encode(Random.bytes(16)))
            var headers = Dictionary(uniqueKeysWithValues: request.headers(signature: identity.device.sign(request.canonicalMessage)).map { ($0.name, $0.value) })
            headers[VaultHeader.contentHash] = try BlobStoreConformance.hash(signed).hex
            headers["Content-Type"] = Self.octets
            let swappedBody = try await client.raw("PUT", path, body: BlobStoreConformance.bytes(50, seed: 3), headers: headers)
            Self.expect(swappedBody, 401, .badSignature)
            // Same signature on another path (version 3 instead of 2).
            let otherPath = try await client.raw("PUT", VaultPath.version(identity.account, name, 3), body: signed, headers: headers)
            Self.expect(otherPath, 401, .badSignature)
        }
    }

    @Test func replayIs401() async throws {
        try await Self.withAccount { vault, identity in
            let client = vault.client(identity.device)
            let nonce = Hex.encode(Random.bytes(16))
            let stamp = Int64(Date().timeIntervalSince1970)
            let first = try await client.send("GET", VaultPath.blobs(identity.account), freshness: .timestamp(stamp), nonce: nonce)
            #expect(first.status == 200)
            let again = try await client.send("GET", VaultPath.blobs(identity.account), freshness: .timestamp(stamp), nonce: nonce)
            Self.expect(again, 401, .replayed)
            // A challenge is single use too.
            let challenge = try await client.challenge()
            let withChallenge = try await client.send("GET", VaultPath.blobs(identity.account), freshness: .explicit(.challenge(challenge)))
            #expect(withChallenge.status == 200)
            let reused = try await client.send("GET", VaultPath.blobs(identity.account), freshness: .explicit(.challenge(challenge)))
            Self.expect(reused, 401, .replayed)
        }
    }

    @Test func staleTimestampIs401WithServerTime() async throws {
        try await Self.withAccount { vault, identity in
            let client = vault.client(identity.device)
            let now = Int64(Date().timeIntervalSince1970)
            for stamp in [now - 400, now + 400, 0] {
                let response = try await client.send("GET", VaultPath.blobs(identity.account), freshness: .timestamp(stamp))
                Self.expect(response, 401, .staleTimestamp)
                #expect(response.error?.serverTime != nil)
            }
            // Within the skew window it works, so a slightly wrong clock is fine (the server just
            // started, so only clocks ahead of it are accepted: nothing from before a restart is).
            let skewed = try await client.send("GET", VaultPath.blobs(identity.account), freshness: .timestamp(now + 200))
            #expect(skewed.status == 200, "\(skewed)")
            // A forged challenge is refused.
            let forged = try await client.send("GET", VaultPath.blobs(identity.account), freshness: .explicit(.challenge(String(repeating: "ab", count: 40))))
            Self.expect(forged, 401, .badChallenge)
        }
    }

    /// Review L4: the content-hash header is not signed; one that is not the body's hash is
    /// refused, so a man in the middle cannot make the stored hash lie or retries look like clones.
    @Test func aContentHashThatIsNotTheBodysIs400() async throws {
        try await Self.withAccount { vault, identity in
            let data = BlobStoreConformance.bytes(100, seed: 2)
            let other = try BlobStoreConformance.hash(BlobStoreConformance.bytes(100, seed: 3))
            let put = try await vault.client(identity.device).send(
                "PUT", VaultPath.version(identity.account, try BlobName("scb"), 2), body: data, contentType: Self.octets,
                headers: [VaultHeader.contentHash: other.hex])
            Self.expect(put, 400, .invalidContentHash)
            let owner = try await vault.client(identity.owner).send("GET", VaultPath.versions(identity.account, try BlobName("scb")))
            #expect(owner.status == 200 && !String(decoding: owner.body, as: UTF8.self).contains("\"version\":2"), "\(owner)")
        }
    }

    /// Issue 17 §6: a typo in a query parameter, or one given twice, is refused, not ignored.
    @Test func unknownOrRepeatedQueryParametersAre400() async throws {
        try await Self.withAccount { vault, identity in
            let device = vault.client(identity.device)
            let versions = VaultPath.versions(identity.account, try BlobName("scb"))
            #expect(try await device.send("GET", versions + "?after=0&limit=5").status == 200)
            Self.expect(try await device.send("GET", versions + "?limt=5"), 400, .badRequest)
            Self.expect(try await device.send("GET", versions + "?after=0&after=1"), 400, .badRequest)
            Self.expect(try await device.send("GET", VaultPath.blobs(identity.account) + "?all=1"), 400, .badRequest)
        }
    }

    @Test func crossAccountReadIs403() async throws {
        try await Self.withAccount { vault, victim in
            let attacker = try await vault.enroll(Identity())
            for key in [attacker.device, attacker.owner] {
                let list = try await vault.client(key).send("GET", VaultPath.blobs(victim.account))
                Self.expect(list, 403, .forbidden)
                let read = try await vault.client(key).send("GET", VaultPath.blob(victim.account, try BlobName("scb")))
                Self.expect(read, 403, .forbidden)
            }
            // Creating an account under someone else's id fails the commitment check.
            let squat = try await vault.client(attacker.owner).send(
                "PUT", VaultPath.account(victim.account), body: Array(#"{"livenessKey":"\#(String(repeating: "11", count: 32))"}"#.utf8),
                contentType: "application/json")
            Self.expect(squat, 403, .accountMismatch)
        }
    }

    @Test func deviceCannotDeleteOrOverwrite() async throws {
        try await Self.withAccount { vault, identity in
            let device = vault.client(identity.device)
            let name = try BlobName("scb")
            Self.expect(try await device.send("DELETE", VaultPath.version(identity.account, name, 1)), 403, .forbidden)
            Self.expect(try await device.send("DELETE", VaultPath.blob(identity.account, name)), 403, .forbidden)
            let policy = try JSONEncoder().encode(AccountPolicy(retention: RetentionPolicy(keepAllDays: 1, keepDailyDays: 0)))
            Self.expect(try await device.send("PUT", VaultPath.policy(identity.account), body: [UInt8](policy), contentType: "application/json"), 403, .forbidden)
            let other = try Ed25519.KeyPair.generate()
            let register = try await device.send(
                "PUT", VaultPath.device(identity.account, key: other.publicKey), body: Array(#"{"label":"x"}"#.utf8), contentType: "application/json")
            Self.expect(register, 403, .forbidden)
            let junk = BlobStoreConformance.bytes(100, seed: 9)
            let overwrite = try await device.send(
                "PUT", VaultPath.version(identity.account, name, 1), body: junk, contentType: Self.octets,
                headers: [VaultHeader.contentHash: try BlobStoreConformance.hash(junk).hex])
            Self.expect(overwrite, 409, .possibleClone)
            let original = try await device.send("GET", VaultPath.version(identity.account, name, 1))
            #expect(original.body == BlobStoreConformance.bytes(100, seed: 1), "version 1 is unchanged")
            // The liveness key can only heartbeat.
            Self.expect(try await vault.client(identity.liveness).send("GET", VaultPath.blobs(identity.account)), 403, .forbidden)
        }
    }

    @Test func revokedDeviceIs403() async throws {
        try await Self.withAccount { vault, identity in
            let revoke = try await vault.client(identity.owner).send("DELETE", VaultPath.device(identity.account, key: identity.device.publicKey))
            #expect(revoke.status == 200, "\(revoke)")
            #expect(try revoke.json(DeviceInfo.self).revokedAt != nil)
            let device = vault.client(identity.device)
            Self.expect(try await device.send("GET", VaultPath.blobs(identity.account)), 403, .deviceRevoked)
            let data = BlobStoreConformance.bytes(10, seed: 5)
            let put = try await device.send(
                "PUT", VaultPath.version(identity.account, try BlobName("scb"), 2), body: data, contentType: Self.octets,
                headers: [VaultHeader.contentHash: try BlobStoreConformance.hash(data).hex])
            Self.expect(put, 403, .deviceRevoked)
            // Re-registering a revoked key does not bring it back.
            let again = try await vault.client(identity.owner).send(
                "PUT", VaultPath.device(identity.account, key: identity.device.publicKey), body: Array(#"{"label":"again"}"#.utf8),
                contentType: "application/json")
            Self.expect(again, 409, .deviceRevoked)
        }
    }

    @Test func oversizeIs413() async throws {
        try await Self.withAccount(configure: { $0.limits = BlobStoreLimits(maxBlobSize: 1024, quotaBytes: 1 << 20) }) { vault, identity in
            let data = BlobStoreConformance.bytes(1025, seed: 4)
            let put = try await vault.client(identity.device).send(
                "PUT", VaultPath.version(identity.account, try BlobName("scb"), 2), body: data, contentType: Self.octets,
                headers: [VaultHeader.contentHash: try BlobStoreConformance.hash(data).hex])
            Self.expect(put, 413, .tooLarge)
            let hugeJSON = [UInt8](repeating: 0x20, count: VaultLimits.maxJSONBodySize + 1)
            let policy = try await vault.client(identity.owner).send("PUT", VaultPath.policy(identity.account), body: hugeJSON, contentType: "application/json")
            Self.expect(policy, 413, .payloadTooLarge)
        }
    }

    @Test func overQuotaIs507AndKeepsOldVersions() async throws {
        try await Self.withAccount(configure: { $0.limits = BlobStoreLimits(maxBlobSize: 1000, quotaBytes: 1000) }) { vault, identity in
            let data = BlobStoreConformance.bytes(901, seed: 6)
            let put = try await vault.client(identity.device).send(
                "PUT", VaultPath.version(identity.account, try BlobName("scb"), 2), body: data, contentType: Self.octets,
                headers: [VaultHeader.contentHash: try BlobStoreConformance.hash(data).hex])
            Self.expect(put, 507, .quotaExceeded)
            let old = try await vault.client(identity.device).send("GET", VaultPath.version(identity.account, try BlobName("scb"), 1))
            #expect(old.status == 200 && old.body.count == 100)
        }
    }

    @Test func overRateIs429WithRetryAfter() async throws {
        // A frozen server clock: buckets never refill during the test.
        try await Self.withAccount(clock: TestClock().vaultClock, configure: { $0.accountRate = 1; $0.accountBurst = 5 }) { vault, identity in
            let client = vault.client(identity.device)
            var statuses: [Int] = []
            var last: SignedHTTPClient.Response?
            for _ in 0..<8 {
                let response = try await client.send("GET", VaultPath.blobs(identity.account))
                statuses.append(response.status)
                last = response
            }
            #expect(statuses.prefix(4).allSatisfy { $0 == 200 }, "\(statuses)")
            #expect(statuses.suffix(2).allSatisfy { $0 == 429 }, "\(statuses)")
            if let last {
                Self.expect(last, 429, .rateLimited)
                #expect(last.header("Retry-After").flatMap(Int.init).map { $0 >= 1 } == true)
            }
        }
    }

    @Test func perAddressRateIs429() async throws {
        try await LiveVault.withRouter(clock: TestClock().vaultClock, configure: { $0.addressRate = 1; $0.addressBurst = 3 }) { vault in
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await vault.client(nil).raw("POST", VaultPath.challenges).status) }
            #expect(statuses.prefix(3).allSatisfy { $0 == 200 } && statuses.last == 429, "\(statuses)")
            #expect(try await vault.client(nil).raw("GET", VaultPath.health).status == 200, "health is never rate limited")
        }
    }
}
