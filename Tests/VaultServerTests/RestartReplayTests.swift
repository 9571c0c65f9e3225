import BlobStorage
import CurlHTTP
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultClient
import Codecs

/// Review L1, over a real `casa-vault` process restarted on its SQLite folder: a request signed
/// before the restart, with a timestamp ahead of the server clock (within the skew), is not
/// accepted again after it; an honest client gets in at once with a challenge.
@Suite struct RestartReplayTests {
    @Test func aRequestSignedBeforeARestartIsNotReplayedAfterIt() async throws {
        let directory = try TemporaryDirectory.create(prefix: "casa-vault-test")
        let identity = try Identity()
        let nonce = Hex.encode(Random.bytes(16))
        let ahead = Int64(Date().timeIntervalSince1970) + 120
        do {
            let server = try VaultProcess(dataDirectory: directory)
            defer { server.terminate() }
            let owner = SignedHTTPClient(baseURL: "http://127.0.0.1:\(server.port)", key: identity.owner)
            let enrollment = try JSONEncoder().encode(CreateAccountRequest(
                livenessKey: Hex.encode(identity.liveness.publicKey),
                device: DeviceRegistration(key: Hex.encode(identity.device.publicKey), label: "restart test")))
            #expect(try await owner.send("PUT", VaultPath.account(identity.account), body: [UInt8](enrollment), contentType: "application/json").status == 201)
            let first = try await SignedHTTPClient(baseURL: "http://127.0.0.1:\(server.port)", key: identity.device)
                .send("POST", VaultPath.heartbeats(identity.account), freshness: .timestamp(ahead), nonce: nonce)
            #expect(first.status / 100 == 2, "\(first)")
        }
        let restarted = try VaultProcess(dataDirectory: directory)
        defer { restarted.terminate() }
        let device = SignedHTTPClient(baseURL: "http://127.0.0.1:\(restarted.port)", key: identity.device)
        // The same bytes again (same key, timestamp, nonce and signature).
        let replay = try await device.send("POST", VaultPath.heartbeats(identity.account), freshness: .timestamp(ahead), nonce: nonce)
        #expect(replay.status == 401 && replay.errorCode == VaultErrorCode.staleTimestamp.rawValue, "\(replay)")
        let challenge = try await device.challenge()
        let honest = try await device.send("POST", VaultPath.heartbeats(identity.account), freshness: .explicit(.challenge(challenge)))
        #expect(honest.status / 100 == 2, "\(honest)")
        // Review L3: the same challenge in upper case is the same value: refused as a replay.
        let shouted = try await device.send("POST", VaultPath.heartbeats(identity.account), freshness: .explicit(.challenge(challenge.uppercased())))
        #expect(shouted.status == 401 && shouted.errorCode == VaultErrorCode.replayed.rawValue, "\(shouted)")
        // casa's own client, set to timestamps, gets in at once: refused twice, it takes a challenge.
        let client = try VaultClient(
            configuration: VaultClientConfiguration(
                baseURL: "http://127.0.0.1:\(restarted.port)", account: identity.account, security: .loopbackPlainHTTP, freshness: .timestamp),
            key: identity.device)
        #expect(try await client.heartbeat().receivedAt > 0)
    }
}
