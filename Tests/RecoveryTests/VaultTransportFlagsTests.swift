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

/// M3: casa-recover reaches a TLS vault with a self-signed certificate (--vault-pin,
/// --vault-ca-file) and goes through a SOCKS5h proxy (--vault-socks), as real subprocesses.
/// The vault is Tests/Servers/fake_vault.py behind Tests/Servers/tls_terminator.py.
@Suite struct VaultTransportFlagsTests {
    let fixtures: SnapshotFixtures
    let vault: ChildProcess
    let vaultPort: Int
    let tls: TLSTerminator

    init() async throws {
        fixtures = try SnapshotFixtures()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Servers/fake_vault.py").path
        vault = try ChildProcess(program: "python3", [script])
        vaultPort = try #require(Int(try vault.waitForLine(prefix: "PORT ")))
        let url = "http://127.0.0.1:\(vaultPort)"
        let policy = try JSONSerialization.jsonObject(with: JSONEncoder().encode(AccountPolicy.default))
        let body = try JSONSerialization.data(withJSONObject: [
            "account": fixtures.account.hex, "deviceKey": Hex.encode(fixtures.owner.publicKey),
            "maxBlobSize": BlobStoreLimits.defaultMaxBlobSize, "quotaBytes": BlobStoreLimits.defaultQuotaBytes,
            "policy": policy, "devices": [String](),
        ] as [String: Any])
        let control = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
        #expect(try await control.send(HTTPRequest(method: .post, url: url + "/_test/accounts", body: .bytes(Array(body)))).head.isSuccess)
        let sealed = try fixtures.envelope(counter: 1)
        _ = try await RemoteOwnerVault.connect(url: url, owner: fixtures.owner).blobs
            .put(fixtures.keys.blob, version: 1, data: sealed, contentHash: ContentHash(SHA256.hash(sealed)))
        tls = try TLSTerminator(upstreamPort: vaultPort)
    }

    var seedArguments: [String] { ["--words-file", fixtures.files.wordsA, "--passphrase-file", fixtures.files.passphraseA] }

    func list(_ url: String, _ transport: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run("casa-recover", ["list", "--vault", url, "--json"] + transport + seedArguments, environment: [:])
    }

    @Test func theRightPinReachesTheVault() async throws {
        let result = try await list(tls.url(), ["--vault-pin", try tls.certificate.opensslPublicKeyPin()])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"vault v1\""))
    }

    @Test func aWrongPinFailsSayingTheKeyIsNotThePinnedOne() async throws {
        let result = try await list(tls.url(), ["--vault-pin", try tls.otherCertificate().opensslPublicKeyPin()])
        #expect(result.status == 69, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("not the pinned one"), "\(result.stderr)")
    }

    @Test func theSelfSignedCertificateAsCAFileReachesTheVault() async throws {
        let result = try await list(tls.url(host: "localhost"), ["--vault-ca-file", tls.certificate.certificatePath])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func systemTrustRefusesTheSelfSignedCertificate() async throws {
        let result = try await list(tls.url(), [])
        #expect(result.status == 69, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("TLS handshake"), "\(result.stderr)")
    }

    @Test func pinAndCAFileTogetherAreAUsageError() async throws {
        let result = try await list(tls.url(), ["--vault-pin", try tls.certificate.opensslPublicKeyPin(), "--vault-ca-file", tls.certificate.certificatePath])
        #expect(result.status == 64, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("--vault-pin") && result.stderr.contains("--vault-ca-file"), "\(result.stderr)")
    }

    @Test func anOnionVaultWithoutAProxyIsAUsageErrorNamingTheFlag() async throws {
        let result = try await list("http://" + String(repeating: "a", count: 56) + ".onion", [])
        #expect(result.status == 64, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("--vault-socks"), "\(result.stderr)")
    }

    /// The vault accepts only connections from 127.0.0.2, where microsocks' outgoing side is bound:
    /// a request that bypassed the proxy is refused.
    @Test func throughTheSOCKSProxyOnly() async throws {
        let onlyFromProxy = try TLSTerminator(upstreamPort: vaultPort, allowFrom: "127.0.0.2")
        let proxy = try await MicrosocksProcess(outgoingAddress: "127.0.0.2")
        let pin = try onlyFromProxy.certificate.opensslPublicKeyPin()
        // "localhost" is resolved by the proxy (socks5h), not by casa-recover.
        let proxied = try await list(onlyFromProxy.url(host: "localhost"), ["--vault-pin", pin, "--vault-socks", proxy.address])
        #expect(proxied.status == 0, "\(proxied.stderr)")
        #expect(proxied.stdout.contains("\"vault v1\""))
        let direct = try await list(onlyFromProxy.url(host: "localhost"), ["--vault-pin", pin])
        #expect(direct.status != 0, "the vault was reached without the proxy")
    }
}
