import BlobStorage
import CurlHTTP
import Foundation
import Sodium
import TestSupport
import VaultAPI
import VaultClient
import Codecs

/// Tests/Servers/fake_vault.py: an independent (Python) implementation of the vault's signed
/// blob routes, with control routes for accounts, faults and clock skew.
final class FakeVault: @unchecked Sendable {
    let process: ChildProcess
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }
    private let control: CurlHTTPClient

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Servers/fake_vault.py").path
        process = try ChildProcess(program: "python3", [script])
        guard let port = Int(try process.waitForLine(prefix: "PORT ")) else { throw ChildProcess.Failure(description: "no port") }
        self.port = port
        control = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
    }

    /// A fresh account whose only key is `key`, with the given limits.
    /// `devices` are extra registered device keys (hex) the owner can list and revoke.
    func account(key: Ed25519.KeyPair, limits: BlobStoreLimits = .default, devices: [String] = []) async throws -> AccountID {
        let id = try require(AccountID(bytes: SHA256.hash(AccountID.preimage(ownerKey: Random.bytes(32)))))
        let policy = try JSONSerialization.jsonObject(with: JSONEncoder().encode(AccountPolicy.default))
        try await post("/_test/accounts", [
            "account": id.hex, "deviceKey": Hex.encode(key.publicKey),
            "maxBlobSize": limits.maxBlobSize, "quotaBytes": limits.quotaBytes, "policy": policy, "devices": devices,
        ])
        return id
    }

    func client(key: Ed25519.KeyPair, account: AccountID, freshness: VaultClientConfiguration.FreshnessMode = .timestamp,
                retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) throws -> VaultClient {
        try VaultClient(
            configuration: VaultClientConfiguration(baseURL: baseURL, account: account, security: .loopbackPlainHTTP,
                                                    retry: retry, freshness: freshness),
            key: key, sleep: sleep
        )
    }

    func injectFaults(_ fault: [String: Any]) async throws {
        try await post("/_test/faults", fault)
    }

    func skewClock(seconds: Int) async throws {
        try await post("/_test/clock", ["offset": seconds])
    }

    func requestLog() async throws -> [[String: String]] {
        let response = try await control.send(HTTPRequest(method: .get, url: baseURL + "/_test/log"))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: String]] ?? []
    }

    private func post(_ path: String, _ object: [String: Any]) async throws {
        let body = try JSONSerialization.data(withJSONObject: object)
        let response = try await control.send(HTTPRequest(method: .post, url: baseURL + path, body: .bytes(Array(body))))
        guard response.head.isSuccess else { throw ChildProcess.Failure(description: "control \(path) failed: \(response.status)") }
    }

    deinit {
        process.stop()
    }
}

enum RequireError: Error { case missing }

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw RequireError.missing }
    return value
}
