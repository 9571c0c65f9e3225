import BlobStorage
import CurlHTTP
import Foundation
import Sodium
import Synchronization
import Testing
import TestSupport
import VaultAPI
import VaultClient
import Codecs

@Suite("VaultClient against an independent fake vault")
struct VaultClientTests {
    let vault: FakeVault

    init() throws {
        vault = try FakeVault()
    }

    /// The shared BlobStore contract, through signing, HTTP and the vault's error codes.
    @Test("BlobStore conformance", arguments: BlobStoreConformance.checkNames)
    func conformance(_ check: String) async throws {
        let vault = self.vault
        try await BlobStoreConformance(makeStore: { limits in
            let key = try Ed25519.KeyPair.generate()
            return try vault.client(key: key, account: await vault.account(key: key, limits: limits))
        }).run(check)
    }

    @Test("a key that is not in the account gets 403 forbidden, not retried")
    func foreignKey() async throws {
        let owner = try Ed25519.KeyPair.generate()
        let account = try await vault.account(key: owner)
        let stranger = try vault.client(key: Ed25519.KeyPair.generate(), account: account)
        do {
            _ = try await stranger.list()
            Issue.record("expected forbidden")
        } catch let error as BlobStoreError {
            #expect(error.code == .forbidden)
        }
        #expect(try await vault.requestLog().count == 1)
    }

    @Test("5xx is retried with backoff and a fresh nonce each time, honouring Retry-After")
    func retriesServerErrors() async throws {
        let key = try Ed25519.KeyPair.generate()
        let account = try await vault.account(key: key)
        let delays = Mutex<[Duration]>([])
        let client = try vault.client(key: key, account: account, sleep: { delay in delays.withLock { $0.append(delay) } })
        try await vault.injectFaults(["status": 503, "count": 2, "retryAfter": 7])
        let data = Array("ciphertext".utf8)
        let receipt = try await client.put(BlobName("scb"), version: 1, data: data, contentHash: ContentHash(SHA256.hash(data)))
        #expect(receipt.version == 1)
        #expect(delays.withLock { $0 } == [.seconds(7), .seconds(7)])
        // Faults are answered before authentication, so only the successful attempt is logged;
        // the nonce check is in the connection-reset test below.
    }

    @Test("network failures are retried; every attempt is signed with a new nonce")
    func retriesNetworkErrors() async throws {
        let key = try Ed25519.KeyPair.generate()
        let account = try await vault.account(key: key)
        let delays = Mutex<[Duration]>([])
        let client = try vault.client(key: key, account: account, sleep: { delay in delays.withLock { $0.append(delay) } })
        try await vault.injectFaults(["reset": true, "count": 2])
        _ = try await client.list()
        let recorded = delays.withLock { $0 }
        #expect(recorded.count == 2)
        // Backoff with jitter: between half and all of base·2^(n-1) (10 ms, 20 ms).
        #expect(recorded[0] >= .milliseconds(5) && recorded[0] <= .milliseconds(10))
        #expect(recorded[1] >= .milliseconds(10) && recorded[1] <= .milliseconds(20))
        // A retried put is acknowledged once: the same hash gives the same receipt.
        let data = Array("x".utf8)
        let first = try await client.put(BlobName("scb"), version: 1, data: data, contentHash: ContentHash(SHA256.hash(data)))
        let again = try await client.put(BlobName("scb"), version: 1, data: data, contentHash: ContentHash(SHA256.hash(data)))
        #expect(first == again)
        let nonces = try await vault.requestLog().map { $0["nonce"] ?? "" }
        #expect(Set(nonces).count == nonces.count)
    }

    @Test("4xx is never retried; 507 is not retried either; exhausted retries report unavailable")
    func noRetryOn4xx() async throws {
        let key = try Ed25519.KeyPair.generate()
        let account = try await vault.account(key: key)
        let sleeps = Mutex(0)
        let client = try vault.client(key: key, account: account, sleep: { _ in sleeps.withLock { $0 += 1 } })
        try await vault.injectFaults(["status": 429, "count": 1, "code": "rate_limited", "retryAfter": 3])
        do {
            _ = try await client.list()
            Issue.record("expected rate_limited")
        } catch let error as BlobStoreError {
            #expect(error.code == .rateLimited)
            #expect(error.retryAfterSeconds == 3)
        }
        try await vault.injectFaults(["status": 507, "count": 1, "code": "quota_exceeded"])
        await #expect(throws: BlobStoreError.self) { try await client.list() }
        #expect(sleeps.withLock { $0 } == 0)
        try await vault.injectFaults(["status": 500, "count": 10, "code": "internal_error"])
        do {
            _ = try await client.list()
            Issue.record("expected unavailable")
        } catch let error as BlobStoreError {
            #expect(error.code == .unavailable)
            #expect(error.isTransient)
        }
        #expect(sleeps.withLock { $0 } == 3)
    }

    @Test("a client clock far off is corrected from the server's time")
    func clockCorrection() async throws {
        let key = try Ed25519.KeyPair.generate()
        let account = try await vault.account(key: key)
        try await vault.skewClock(seconds: 3600)
        let client = try vault.client(key: key, account: account)
        #expect(try await client.list().isEmpty)
        try await vault.skewClock(seconds: 0)
    }

    @Test("challenge freshness works without any clock agreement")
    func challengeFreshness() async throws {
        let key = try Ed25519.KeyPair.generate()
        let account = try await vault.account(key: key)
        let client = try vault.client(key: key, account: account, freshness: .challenge)
        #expect(try await client.heartbeat().kind == "device")
        #expect(try await vault.requestLog().last?["freshness"]?.hasPrefix("c=") == true)
    }

    @Test("the vault unreachable is a transient unavailable error")
    func unreachable() async throws {
        let client = try VaultClient(
            configuration: VaultClientConfiguration(baseURL: "http://127.0.0.1:\(LoopbackPort.unused())",
                                                    account: try require(AccountID(hex: String(repeating: "ab", count: 32))),
                                                    security: .loopbackPlainHTTP, retry: .none),
            key: Ed25519.KeyPair.generate()
        )
        do {
            _ = try await client.list()
            Issue.record("expected unavailable")
        } catch let error as BlobStoreError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("cannot connect"))
        }
    }

    @Test("the owner lists and revokes devices; a revoked device gets 403 device_revoked")
    func ownerRevokesDevice() async throws {
        let owner = try Ed25519.KeyPair.generate()
        let device = try Ed25519.KeyPair.generate()
        let account = try await vault.account(key: owner, devices: [Hex.encode(device.publicKey)])
        let ownerClient = try vault.client(key: owner, account: account)
        let deviceClient = try vault.client(key: device, account: account)
        #expect(try await deviceClient.list().isEmpty)
        let devices = try await ownerClient.account().devices ?? []
        #expect(devices.map(\.key) == [Hex.encode(device.publicKey)])
        let revoked = try await ownerClient.revokeDevice(key: device.publicKey)
        #expect(revoked.revokedAt != nil)
        do {
            _ = try await deviceClient.list()
            Issue.record("a revoked device was served")
        } catch let error as BlobStoreError {
            #expect(error.code == .forbidden)
            #expect(error.message.contains("revoked"))
        }
    }

    @Test("backoff grows exponentially, with jitter, up to the cap")
    func backoffShape() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(8))
        #expect(policy.delay(afterAttempt: 1, random: 0) == .milliseconds(500))
        #expect(policy.delay(afterAttempt: 1, random: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 3, random: 0) == .seconds(2))
        #expect(policy.delay(afterAttempt: 9, random: 1) == .seconds(8))
    }
}
