import BackupAgent
import Foundation
import Testing
import TestSupport

/// M3: the agent reaches a TLS vault with a self-signed certificate through `vault_pin` or
/// `vault_ca_file`, and goes through `socks_proxy`. The real vault (production router, SQLite)
/// sits behind Tests/Servers/tls_terminator.py, as it sits behind Caddy or nginx in production.
@Suite struct VaultTransportTests {
    /// The configuration file as written in /etc/casa/backupd.toml, resolved as the agent does.
    static func configuration(_ lines: [String]) throws -> AgentConfiguration {
        let directory = try TemporaryDirectory(prefix: "casa-agent")
        let file = directory.path + "/backupd.toml"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        return try AgentConfiguration.resolve(configPath: file, environment: ["HOME": directory.path], flags: AgentConfigFile())
    }

    /// This device's connection as casa-backupd's LiveWiring builds it from `lines`.
    static func connection(_ harness: UnlockHarness, _ lines: [String]) throws -> VaultConnection {
        let configuration = try configuration(lines)
        return try VaultConnection(
            baseURL: try #require(configuration.vaultURL), transport: configuration.vaultTransport, account: harness.account,
            deviceKey: harness.deviceKey)
    }

    @Test func vaultPinReachesTheVaultAndAWrongPinIsRefused() async throws {
        try await UnlockHarness.with { harness in
            let tls = try TLSTerminator(upstreamPort: harness.port)
            let right = try Self.connection(harness, ["vault_url = \"\(tls.url())\"", "vault_pin = \"\(try tls.certificate.opensslPublicKeyPin())\""])
            #expect(try await right.list().isEmpty)

            let wrong = try Self.connection(harness, ["vault_url = \"\(tls.url())\"", "vault_pin = \"\(try tls.otherCertificate().opensslPublicKeyPin())\""])
            await #expect { try await wrong.list() } throws: { String(describing: $0).contains("not the pinned one") }
        }
    }

    @Test func vaultCAFileReachesTheVaultAndSystemTrustDoesNot() async throws {
        try await UnlockHarness.with { harness in
            let tls = try TLSTerminator(upstreamPort: harness.port)
            let byCA = try Self.connection(harness, ["vault_url = \"\(tls.url(host: "localhost"))\"", "vault_ca_file = \"\(tls.certificate.certificatePath)\""])
            #expect(try await byCA.list().isEmpty)

            let system = try Self.connection(harness, ["vault_url = \"\(tls.url(host: "localhost"))\""])
            await #expect { try await system.list() } throws: { String(describing: $0).contains("TLS handshake") }
        }
    }

    /// The vault accepts only connections from 127.0.0.2, where microsocks' outgoing side is bound.
    @Test func socksProxyIsUsedForTheVault() async throws {
        try await UnlockHarness.with { harness in
            let tls = try TLSTerminator(upstreamPort: harness.port, allowFrom: "127.0.0.2")
            let proxy = try await MicrosocksProcess(outgoingAddress: "127.0.0.2")
            let pin = "vault_pin = \"\(try tls.certificate.opensslPublicKeyPin())\""
            let proxied = try Self.connection(harness, ["vault_url = \"\(tls.url(host: "localhost"))\"", pin, "socks_proxy = \"\(proxy.address)\""])
            #expect(try await proxied.list().isEmpty)
            _ = try await proxied.releaseState()  // challenge-signed calls too

            let direct = try Self.connection(harness, ["vault_url = \"\(tls.url(host: "localhost"))\"", pin])
            await #expect(throws: (any Error).self) { try await direct.list() }
        }
    }

    @Test("bad transport keys are configuration errors that name the key", arguments: [
        (["vault_url = \"https://vault.example.org\"", "vault_pin = \"AAAA\""], "vault_pin"),
        (["vault_url = \"https://vault.example.org\"", "vault_ca_file = \"/nonexistent.pem\""], "vault_ca_file"),
        (["vault_url = \"https://vault.example.org\"", "socks_proxy = \"9050\""], "socks_proxy"),
        (["vault_url = \"http://\(String(repeating: "a", count: 56)).onion\""], "socks_proxy"),
        (["vault_url = \"https://vault.example.org\"", "vault_pin = \"sha256//\(String(repeating: "A", count: 43))=\"",
          "vault_ca_file = \"/etc/hostname\""], "not both"),
    ])
    func badKeys(_ lines: [String], key: String) throws {
        #expect { try Self.configuration(lines) } throws: { error in
            error is AgentError && String(describing: error).contains(key)
        }
    }

    @Test func theKeysComeFromTheEnvironmentToo() throws {
        let config = try AgentConfigFile.fromEnvironment(["CASA_BACKUPD_VAULT_PIN": "p", "CASA_BACKUPD_VAULT_CA_FILE": "c", "CASA_BACKUPD_SOCKS_PROXY": "s"])
        #expect(config.vaultPin == "p" && config.vaultCAFile == "c" && config.socksProxy == "s")
    }
}
