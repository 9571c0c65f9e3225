import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultServer
import Codecs

/// Enrollment, devices, heartbeats, the sealed-secret release policy, retention and hostile input.
@Suite struct AccountFlowTests {
    static let json = "application/json"

    @Test func enrollmentIsIdempotentAndOwnerSeesDevices() async throws {
        try await LiveVault.withRouter { vault in
            let identity = try await vault.enroll(Identity())
            let again = try await vault.client(identity.owner).send(
                "PUT", VaultPath.account(identity.account),
                body: [UInt8](try JSONEncoder().encode(CreateAccountRequest(livenessKey: Hex.encode(identity.liveness.publicKey)))),
                contentType: Self.json)
            #expect(again.status == 200, "\(again)")
            let owner = try await vault.client(identity.owner).send("GET", VaultPath.account(identity.account))
            let account = try owner.json(AccountResponse.self)
            #expect(account.devices?.map(\.key) == [Hex.encode(identity.device.publicKey)])
            #expect(account.ownerKey == Hex.encode(identity.owner.publicKey))
            let device = try await vault.client(identity.device).send("GET", VaultPath.account(identity.account))
            #expect(try device.json(AccountResponse.self).devices == nil, "devices are listed for the owner only")
        }
    }

    @Test func sealedSecretReleasePolicy() async throws {
        // Ahead of the server's start, so its challenges are newer than the replay guard's start.
        let clock = TestClock(Date().addingTimeInterval(2))
        try await LiveVault.withRouter(clock: clock.vaultClock) { vault in
            let identity = try await vault.enroll(Identity())
            let device = vault.client(identity.device)
            let path = VaultPath.sealedSecret(identity.account, deviceKey: identity.device.publicKey)
            let secret = Random.bytes(64)
            #expect(try await device.send("PUT", path, body: secret, contentType: "application/octet-stream").status == 204)

            // No heartbeat yet: locked.
            #expect(try await device.send("GET", path, freshness: .challenge).errorCode == VaultErrorCode.releaseLocked.rawValue)
            // A device-key heartbeat does not arm the release.
            let deviceBeat = try await device.send("POST", VaultPath.heartbeats(identity.account))
            #expect(try deviceBeat.json(HeartbeatResponse.self).kind == "device")
            #expect(try await device.send("GET", path, freshness: .challenge).status == 423)
            // The liveness key's heartbeat arms it; but a node that heartbeats runs, so a request
            // for its share now comes from a copy of its disk: held back (release_quiet_seconds).
            let beat = try await vault.client(identity.liveness).send("POST", VaultPath.heartbeats(identity.account))
            #expect(try beat.json(HeartbeatResponse.self).releaseArmed)
            let held = try await device.send("GET", path, freshness: .challenge)
            #expect(held.status == 423 && held.errorCode == VaultErrorCode.nodeAlive.rawValue, "\(held)")
            #expect(held.header("Retry-After").flatMap(Int.init).map { (590...600).contains($0) } == true, "\(held)")
            // The node's clean shutdown (a stopping heartbeat) releases it to its reboot at once.
            let stopping = try await vault.client(identity.liveness).send("POST", VaultPath.heartbeats(identity.account) + "?state=stopping")
            #expect(try stopping.json(HeartbeatResponse.self).releaseArmed)
            // The running node hears of the held-back request in that heartbeat's answer, once.
            #expect(try stopping.json(HeartbeatResponse.self).heldBackReleases.map(\.deviceKey) == [Hex.encode(identity.device.publicKey)])
            #expect(try await vault.client(identity.liveness).send("POST", VaultPath.heartbeats(identity.account) + "?state=up").status == 400)
            let released = try await device.send("GET", path, freshness: .challenge)
            #expect(released.status == 200 && released.body == secret, "\(released)")
            // Only with a challenge.
            let timestamped = try await device.send("GET", path)
            #expect(timestamped.status == 401 && timestamped.errorCode == VaultErrorCode.challengeRequired.rawValue)
            // Only to that device: the owner and another device cannot fetch it.
            #expect(try await vault.client(identity.owner).send("GET", path, freshness: .challenge).status == 403)
            let other = try Ed25519.KeyPair.generate()
            _ = try await vault.client(identity.owner).send(
                "PUT", VaultPath.device(identity.account, key: other.publicKey), body: Array(#"{"label":"b"}"#.utf8), contentType: Self.json)
            #expect(try await vault.client(other).send("GET", path, freshness: .challenge).status == 403)

            // A gap longer than the window (default 3 days) locks it, until a new heartbeat re-arms it.
            clock.advance(seconds: 3 * 86_400 + 1)
            // (The client clock is now 3 days behind the server: challenges prove freshness instead.)
            #expect(try await device.send("GET", path, freshness: .challenge).status == 423)
            _ = try await vault.client(identity.liveness).send("POST", VaultPath.heartbeats(identity.account), freshness: .challenge)
            #expect(try await device.send("GET", path, freshness: .challenge).errorCode == VaultErrorCode.nodeAlive.rawValue)
            // A node that went quiet without a clean shutdown (a power cut) gets it after the quiet time.
            clock.advance(seconds: 601)
            #expect(try await device.send("GET", path, freshness: .challenge).status == 200)

            // Revoked: never again, and the slot is wiped.
            _ = try await vault.client(identity.owner).send("DELETE", VaultPath.device(identity.account, key: identity.device.publicKey), freshness: .challenge)
            #expect(try await device.send("GET", path, freshness: .challenge).status == 403)
        }
    }

    @Test func sealedSecretDeleteByOwnerOrThatDeviceOnly() async throws {
        let clock = TestClock(Date().addingTimeInterval(2))
        try await LiveVault.withRouter(clock: clock.vaultClock) { vault in
            let identity = try await vault.enroll(Identity())
            let device = vault.client(identity.device)
            let path = VaultPath.sealedSecret(identity.account, deviceKey: identity.device.publicKey)
            #expect(try await device.send("PUT", path, body: Random.bytes(32), contentType: "application/octet-stream").status == 204)
            // A stopping heartbeat: armed, and the node no longer counts as running.
            _ = try await vault.client(identity.liveness).send("POST", VaultPath.heartbeats(identity.account) + "?state=stopping")

            // Another device of the account may not clear it.
            let other = try Ed25519.KeyPair.generate()
            _ = try await vault.client(identity.owner).send(
                "PUT", VaultPath.device(identity.account, key: other.publicKey), body: Array(#"{"label":"b"}"#.utf8), contentType: Self.json)
            #expect(try await vault.client(other).send("DELETE", path).status == 403)
            #expect(try await device.send("GET", path, freshness: .challenge).status == 200)

            // The device clears its own slot; again is still 204; then nothing is released.
            #expect(try await device.send("DELETE", path).status == 204)
            #expect(try await device.send("DELETE", path).status == 204)
            let empty = try await device.send("GET", path, freshness: .challenge)
            #expect(empty.status == 404 && empty.errorCode == VaultErrorCode.notFound.rawValue, "\(empty)")
            #expect(try await vault.repository.sealedSecret(identity.account, deviceKey: identity.device.publicKey) == nil)

            // The owner may clear it too; an unknown device is 404.
            #expect(try await device.send("PUT", path, body: Random.bytes(32), contentType: "application/octet-stream").status == 204)
            #expect(try await vault.client(identity.owner).send("DELETE", path).status == 204)
            let account = try await vault.client(identity.owner).send("GET", VaultPath.account(identity.account)).json(AccountResponse.self)
            #expect(account.devices?.first { $0.key == Hex.encode(identity.device.publicKey) }?.hasSealedSecret == false)
            let unknown = VaultPath.sealedSecret(identity.account, deviceKey: try Ed25519.KeyPair.generate().publicKey)
            #expect(try await vault.client(identity.owner).send("DELETE", unknown).status == 404)
        }
    }

    @Test(arguments: Backend.available)
    func retentionPrunesByAgeOnly(_ backend: Backend) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_700_000_000))
        let repository = try await backend.makeRepository()
        let identity = try Identity()
        _ = try await repository.createAccount(identity.record())
        let name = try BlobName("scb")
        // Ten versions, one per day, then a flood of 50 junk versions today.
        for v in UInt64(1)...60 {
            let data = BlobStoreConformance.bytes(10, seed: UInt8(v))
            if v <= 10 { clock.advance(seconds: 86_400) }
            _ = try await repository.putBlob(identity.account, name, version: v, data: data, contentHash: try BlobStoreConformance.hash(data), limits: .default, now: clock.now)
        }
        try await repository.setPolicy(identity.account, AccountPolicy(retention: RetentionPolicy(keepAllDays: 3, keepDailyDays: 7)))
        // This account only: PostgreSQL is shared by the tests running at the same time.
        let pruned = try await RetentionPass(repository: repository, clock: clock.vaultClock).run(try #require(try await repository.account(identity.account)))
        let kept = try await repository.versions(identity.account, name, after: nil, limit: 1000).map(\.version)
        // Days 1-3 (versions 1-3) are older than 7 days; days 4-7 keep their daily (the only version);
        // the last 3 days keep everything, including the junk flood, which pushed nothing out.
        #expect(kept == Array(4...60), "kept \(kept)")
        #expect(pruned == 3)
        let used = try #require(try await repository.account(identity.account)).usedBytes
        #expect(used == Int64(57 * 10), "usage follows deletions")
        try await repository.close()
    }

    @Test func hostileInputIsAlways4xxJSON() async throws {
        try await LiveVault.withRouter { vault in
            let identity = try await vault.enroll(Identity())
            let owner = vault.client(identity.owner)
            let device = vault.client(identity.device)
            let a = identity.account
            let cases: [(String, SignedHTTPClient.Response, Int)] = [
                ("garbage JSON", try await owner.send("PUT", VaultPath.policy(a), body: Array("{not json".utf8), contentType: Self.json), 400),
                ("wrong JSON shape", try await owner.send("PUT", VaultPath.policy(a), body: Array(#"{"releaseWindowSeconds":"x"}"#.utf8), contentType: Self.json), 400),
                ("invalid policy", try await owner.send("PUT", VaultPath.policy(a), body: Array(#"{"releaseWindowSeconds":-1,"retention":{"keepDailyDays":0}}"#.utf8), contentType: Self.json), 400),
                ("wrong content type", try await owner.send("PUT", VaultPath.policy(a), body: Array("{}".utf8), contentType: "text/plain"), 415),
                ("path trick", try await device.send("GET", VaultPath.blobs(a) + "/..%2F..%2Fetc"), 400),
                ("dot name", try await device.send("GET", VaultPath.blobs(a) + "/.hidden"), 400),
                ("bad version", try await device.send("GET", VaultPath.blobs(a) + "/scb/versions/-1"), 400),
                ("huge version", try await device.send("GET", VaultPath.blobs(a) + "/scb/versions/99999999999999999999999"), 400),
                ("bad query", try await device.send("GET", VaultPath.blobs(a) + "/scb/versions?limit=0"), 400),
                ("missing hash", try await device.send("PUT", VaultPath.blobs(a) + "/scb/versions/1", body: [1], contentType: "application/octet-stream"), 400),
                ("bad hash", try await device.send("PUT", VaultPath.blobs(a) + "/scb/versions/1", body: [1], contentType: "application/octet-stream", headers: [VaultHeader.contentHash: "zz"]), 400),
                ("unknown account", try await device.send("GET", VaultPath.blobs(AccountID(hex: String(repeating: "0", count: 64))!)), 404),
                ("malformed account", try await device.send("GET", "/v1/accounts/xyz/blobs"), 400),
                ("unknown route", try await device.send("GET", "/v2/nothing"), 404),
                ("missing blob", try await device.send("GET", VaultPath.blobs(a) + "/nothing"), 404),
                ("bad key header", try await device.send("GET", VaultPath.blobs(a)) { $0[VaultHeader.key] = "nothex" }, 401),
                ("bad freshness", try await device.send("GET", VaultPath.blobs(a)) { $0[VaultHeader.freshness] = "yesterday" }, 401),
                ("bad nonce", try await device.send("GET", VaultPath.blobs(a), nonce: "short"), 401),
                ("bad device key", try await owner.send("PUT", VaultPath.devices(a) + "/1234", body: Array(#"{"label":"x"}"#.utf8), contentType: Self.json), 400),
                ("control chars in label", try await owner.send("PUT", VaultPath.device(a, key: Random.bytes(32)), body: Array(#"{"label":"a\u0000b"}"#.utf8), contentType: Self.json), 400),
            ]
            for (what, response, status) in cases {
                #expect(response.status == status, "\(what): \(response)")
                #expect(response.error != nil, "\(what): JSON error body, got \(response)")
            }
        }
    }

    @Test func healthMetricsAndServerTime() async throws {
        try await LiveVault.withRouter { vault in
            let identity = try await vault.enroll(Identity())
            let health = try await vault.client(nil).raw("GET", VaultPath.health)
            #expect(try health.json(HealthResponse.self).status == "ok")
            #expect(health.header(VaultHeader.serverTime).flatMap(Int64.init) != nil)
            _ = try await vault.client(identity.device).send("GET", VaultPath.blobs(identity.account))
            let metrics = String(decoding: try await vault.client(nil).raw("GET", VaultPath.metrics).body, as: UTF8.self)
            #expect(metrics.contains("casa_vault_requests_total"))
            #expect(metrics.contains(#"route="/v1/accounts/{account}/blobs""#) || metrics.contains("/v1/accounts/:account/blobs"), "\(metrics.prefix(2000))")
            #expect(metrics.contains("casa_vault_request_duration_seconds"))
            #expect(metrics.contains("casa_vault_accounts 1"))
            #expect(metrics.contains("casa_vault_stored_bytes"))
        }
    }

    @Test("every counter is named *_total (Prometheus naming), the group commit's included")
    func countersAreNamedTotal() async throws {
        try await LiveVault.withRouter(backend: .sqlite) { vault in
            let identity = try await vault.enroll(Identity())
            let data = BlobStoreConformance.bytes(100, seed: 1)
            _ = try await vault.repository.putBlob(
                identity.account, try BlobName("scb"), version: 1, data: data, contentHash: try BlobStoreConformance.hash(data),
                limits: .default, now: Date())
            let metrics = String(decoding: try await vault.client(nil).raw("GET", VaultPath.metrics).body, as: UTF8.self)
            let counters = metrics.split(separator: "\n").compactMap { line -> Substring? in
                let parts = line.split(separator: " ")
                return parts.count == 4 && parts[0] == "#" && parts[1] == "TYPE" && parts[3] == "counter" ? parts[2] : nil
            }
            #expect(counters.contains("casa_vault_put_batches_total"), "\(metrics.prefix(3000))")
            #expect(counters.contains("casa_vault_put_batch_items_total"))
            #expect(counters.contains("casa_vault_put_batch_commit_seconds_total"))
            #expect(!counters.isEmpty && counters.allSatisfy { $0.hasSuffix("_total") }, "\(counters)")
            #expect(metrics.contains("casa_vault_put_batches_total 1"), "one batch after one put")
        }
    }
}
