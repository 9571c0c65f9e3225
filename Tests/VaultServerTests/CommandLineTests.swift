import BlobStorage
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Sodium
import Testing
import TestSupport
import VaultAPI
import VaultServer

/// `casa-vault` as a real subprocess: the operator's `account` commands on a SQLite data folder,
/// `serve --config FILE`, and graceful shutdown on SIGTERM.
@Suite struct CommandLineTests {
    static var executable: String { ProcessRunner.executable("casa-vault").path }
    /// Blob contents the operator commands must never print.
    static let marker = Array("CASA-CIPHERTEXT-MARKER-never-printed".utf8)

    /// A data folder with two accounts; the first holds "scb" (2 versions) and "other" (1 version).
    static func seededDataFolder() async throws -> (directory: String, first: Identity, second: Identity) {
        let directory = try TemporaryDirectory.create(prefix: "casa-vault-test")
        let repository = try SQLiteVaultRepository(directory: directory)
        let first = try Identity(), second = try Identity()
        _ = try await repository.createAccount(first.record())
        _ = try await repository.createAccount(second.record())
        let store = AccountBlobStore(repository: repository, account: first.account, limits: .default)
        for (name, version) in [("scb", UInt64(1)), ("scb", 2), ("other", 1)] {
            let data = marker + Array("\(name) \(version)".utf8)
            _ = try await store.put(try BlobName(name), version: version, data: data, contentHash: ContentHash(SHA256.hash(data)))
        }
        try await repository.close()
        return (directory, first, second)
    }

    static func casaVault(_ arguments: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run("casa-vault", arguments, timeout: 60)
    }

    @Test func accountListShowsEveryAccountWithoutContents() async throws {
        let (directory, first, second) = try await Self.seededDataFolder()
        let result = try await Self.casaVault(["account", "list", "--data", directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(first.account.hex))
        #expect(result.stdout.contains(second.account.hex))
        #expect(result.stdout.contains("2 account(s)"))
        let usedLine = result.stdout.split(separator: "\n").first { $0.contains(first.account.hex) } ?? ""
        let expectedBytes = 3 * Self.marker.count + "scb 1".utf8.count + "scb 2".utf8.count + "other 1".utf8.count
        #expect(usedLine.split(separator: " ").contains(Substring(String(expectedBytes))), "used bytes in: \(usedLine)")
        #expect(!result.stdout.contains(String(decoding: Self.marker, as: UTF8.self)))
    }

    @Test func accountUsageListsBlobsWithoutContents() async throws {
        let (directory, first, _) = try await Self.seededDataFolder()
        let result = try await Self.casaVault(["account", "usage", first.account.hex, "--data", directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("scb: latest version 2, 2 kept"))
        #expect(result.stdout.contains("other: latest version 1, 1 kept"))
        #expect(!result.stdout.contains(String(decoding: Self.marker, as: UTF8.self)))
    }

    @Test func accountDisableAndEnable() async throws {
        let (directory, first, second) = try await Self.seededDataFolder()
        let disabled = try await Self.casaVault(["account", "disable", first.account.hex, "--data", directory])
        #expect(disabled.status == 0, "\(disabled.stderr)")
        #expect(disabled.stdout.contains("disabled"))
        var repository = try SQLiteVaultRepository(directory: directory)
        #expect(try await repository.account(first.account)?.disabled == true)
        #expect(try await repository.account(second.account)?.disabled == false)
        try await repository.close()

        let enabled = try await Self.casaVault(["account", "disable", "--enable", first.account.hex, "--data", directory])
        #expect(enabled.status == 0, "\(enabled.stderr)")
        repository = try SQLiteVaultRepository(directory: directory)
        #expect(try await repository.account(first.account)?.disabled == false)
        try await repository.close()
    }

    @Test func accountCommandsExplainBadInput() async throws {
        let (directory, _, _) = try await Self.seededDataFolder()
        let malformed = try await Self.casaVault(["account", "usage", "not-an-account", "--data", directory])
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("64 hex digits"), "\(malformed.stderr)")
        let unknown = try await Self.casaVault(["account", "disable", String(repeating: "ab", count: 32), "--data", directory])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no account"), "\(unknown.stderr)")
        let both = try await Self.casaVault(["account", "list", "--data", directory, "--memory"])
        #expect(both.status != 0)
        #expect(both.stderr.contains("choose one of"), "\(both.stderr)")
    }

    /// `serve --config FILE` applies the file (data folder, host, port, blob limit), and the
    /// operator can disable an account with the same file while the server runs.
    @Test func serveWithTOMLConfiguration() async throws {
        let directory = try TemporaryDirectory.create(prefix: "casa-vault-test")
        let config = (directory as NSString).appendingPathComponent("casa-vault.toml")
        let data = (directory as NSString).appendingPathComponent("data")
        try """
            host = "127.0.0.1"
            port = 0
            data_dir = "\(data)"
            max_blob_size = 1000
            retention_interval_seconds = 0
            log_level = "error"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let server = try ChildProcess(Self.executable, ["serve", "--config", config])
        defer { server.stop() }
        let line = try server.waitForLine(prefix: "casa-vault: serving ")
        #expect(line.hasPrefix("http://127.0.0.1:"))
        #expect(line.contains("SQLite in \(data)"), "the data_dir of the file is used: \(line)")
        let baseURL = String(line.prefix { $0 != " " })

        let identity = try await SignedHTTPClient.enroll(Identity(), baseURL: baseURL)
        let device = SignedHTTPClient(baseURL: baseURL, key: identity.device)
        for (size, status) in [(1001, 413), (1000, 201)] {
            let body = Random.bytes(size)
            let response = try await device.send(
                "PUT", VaultPath.version(identity.account, try BlobName("scb"), 1), body: body,
                contentType: "application/octet-stream", headers: [VaultHeader.contentHash: ContentHash(SHA256.hash(body)).hex])
            #expect(response.status == status, "a \(size)-byte blob with max_blob_size = 1000: \(response)")
        }

        let disable = try await Self.casaVault(["account", "disable", identity.account.hex, "--config", config])
        #expect(disable.status == 0, "\(disable.stderr)")
        let refused = try await device.send("GET", VaultPath.blobs(identity.account))
        #expect(refused.status == 403)
        #expect(refused.errorCode == VaultErrorCode.accountDisabled.rawValue, "\(refused)")
    }

    @Test func serveRefusesAnUnreadableConfiguration() async throws {
        let result = try await Self.casaVault(["serve", "--config", "/nonexistent/casa-vault.toml"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot read /nonexistent/casa-vault.toml"), "\(result.stderr)")
    }

    /// SIGTERM while an upload's body is still arriving: the upload completes with 201, the
    /// server then exits 0, and the blob is there after a restart.
    @Test func sigtermFinishesTheInFlightUpload() async throws {
        let directory = try TemporaryDirectory.create(prefix: "casa-vault-test")
        let arguments = ["serve", "--data", directory, "--host", "127.0.0.1", "--port", "0"]
        let server = try ChildProcess(Self.executable, arguments)
        defer { server.stop() }
        let url = try server.waitForLine(prefix: "casa-vault: serving ")
        let baseURL = String(url.prefix { $0 != " " })
        guard let port = Int(baseURL.split(separator: ":").last ?? "") else { throw ConformanceFailure("no port in \(url)") }
        let identity = try await SignedHTTPClient.enroll(Identity(), baseURL: baseURL)

        let connection = try RawConnection(port: port)
        try connection.write(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        #expect(try connection.readResponse().status == 200, "the connection is established and served")

        let name = try BlobName("in-flight")
        let body = Random.bytes(4096)
        let path = VaultPath.version(identity.account, name, 1)
        try connection.write(RawConnection.signedPutHead(path: path, body: body, device: identity.device) + body.prefix(2048))
        try await Task.sleep(for: .milliseconds(300))
        server.send(signal: SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        #expect(server.isRunning, "the server waits for the in-flight upload")
        try connection.write(Array(body.dropFirst(2048)))
        let response = try connection.readResponse()
        #expect(response.status == 201, "\(String(decoding: response.body, as: UTF8.self))")
        #expect(server.waitForExit() == 0, "casa-vault exits 0 after a graceful shutdown")

        let restarted = try ChildProcess(Self.executable, arguments)
        defer { restarted.stop() }
        let again = try restarted.waitForLine(prefix: "casa-vault: serving ")
        let reader = SignedHTTPClient(baseURL: String(again.prefix { $0 != " " }), key: identity.owner)
        // Right after a restart the vault takes challenges, not timestamps (review L1).
        let stored = try await reader.send("GET", path, freshness: .challenge)
        #expect(stored.status == 200)
        #expect(stored.body == body)
    }
}
