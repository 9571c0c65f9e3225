import BackupCore
import BlobStorage
import CurlHTTP
import Foundation
import Recovery
import Sodium
import Testing
import TestSupport
import VaultAPI
import Codecs

/// `list`, `fetch` and `revoke-device` as real subprocesses against Tests/Servers/fake_vault.py
/// (an independent Python implementation of the vault's signed routes) on loopback.
@Suite struct VaultCommandTests {
    let fixtures: SnapshotFixtures
    let vault: ChildProcess
    let url: String
    let device = String(repeating: "cd", count: 32)

    init() async throws {
        fixtures = try SnapshotFixtures()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Servers/fake_vault.py").path
        vault = try ChildProcess(program: "python3", [script])
        url = "http://127.0.0.1:" + (try vault.waitForLine(prefix: "PORT ")).trimmingCharacters(in: .whitespaces)
        let policy = try JSONSerialization.jsonObject(with: JSONEncoder().encode(AccountPolicy.default))
        let body = try JSONSerialization.data(withJSONObject: [
            "account": fixtures.account.hex, "deviceKey": Hex.encode(fixtures.owner.publicKey),
            "maxBlobSize": BlobStoreLimits.defaultMaxBlobSize, "quotaBytes": BlobStoreLimits.defaultQuotaBytes,
            "policy": policy, "devices": [device],
        ] as [String: Any])
        let control = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
        let response = try await control.send(HTTPRequest(method: .post, url: url + "/_test/accounts", body: .bytes(Array(body))))
        #expect(response.head.isSuccess)
        // Two versions uploaded as the agent would (here signed with the owner key).
        let store = try RemoteOwnerVault.connect(url: url, owner: fixtures.owner).blobs
        for counter in [UInt64(1), 2] {
            let sealed = try fixtures.envelope(counter: counter)
            _ = try await store.put(fixtures.keys.blob, version: counter, data: sealed, contentHash: ContentHash(SHA256.hash(sealed)))
        }
    }

    var seedArguments: [String] { ["--words-file", fixtures.files.wordsA, "--passphrase-file", fixtures.files.passphraseA] }

    @Test func listAndFetchFromTheVault() async throws {
        let list = try await ProcessRunner.run("casa-recover", ["list", "--vault", url, "--json"] + seedArguments, environment: [:])
        #expect(list.status == 0, "\(list.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let snapshots = try #require(object["snapshots"] as? [[String: Any]])
        #expect(snapshots.map { $0["source"] as? String } == ["vault v2", "vault v1"])
        #expect(snapshots.allSatisfy { $0["status"] as? String == "ok" && ($0["channels"] as? NSNumber)?.intValue == 1 })

        let output = fixtures.files.dir.path + "/from-vault.backup"
        let fetch = try await ProcessRunner.run("casa-recover", ["fetch", "--vault", url, "--output", output] + seedArguments, environment: [:])
        #expect(fetch.status == 0, "\(fetch.stderr)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: output))) == fixtures.lndBackup)
    }

    @Test func otherWordsFindNoAccountAndWriteNothing() async throws {
        let other = try fixtures.files.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")
        let output = fixtures.files.dir.path + "/never.backup"
        let result = try await ProcessRunner.run("casa-recover", ["fetch", "--vault", url, "--output", output, "--words-file", other], environment: [:])
        #expect([70, 77].contains(result.status), "\(result.status) \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func revokeDeviceWithTheWords() async throws {
        let listed = try await ProcessRunner.run("casa-recover", ["revoke-device", "--vault", url, "--json"] + seedArguments, environment: [:])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(device))

        let noTerminal = try await ProcessRunner.run("casa-recover", ["revoke-device", "--vault", url, "--device", device] + seedArguments, environment: [:])
        #expect(noTerminal.status == 64)
        #expect(noTerminal.stderr.contains("--yes"))

        let revoked = try await ProcessRunner.run("casa-recover", ["revoke-device", "--vault", url, "--device", device, "--yes", "--json"] + seedArguments, environment: [:])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(revoked.stdout.utf8)) as? [String: Any])
        #expect((object["revoked"] as? [String: Any])?["revoked_at"] is NSNumber)
    }
}
