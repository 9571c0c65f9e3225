import CurlHTTP
import Foundation
import Testing
import TestSupport
import VaultAPI
import VaultClient
import BlobStorage

/// The one place that turns the vault URL, pin, CA file and proxy into a transport (M3).
@Suite("Vault transport settings")
struct VaultTransportSettingsTests {
    let certificate: SelfSignedCertificate
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        certificate = try SelfSignedCertificate(in: directory.path, name: "vault")
    }

    @Test("https with a pin is pinned; with a CA file trusts that file; with neither the system roots")
    func httpsChoices() throws {
        let pin = try certificate.opensslPublicKeyPin()
        let pinned = try VaultTransportSettings(pin: pin).resolve(url: "https://vault.example.org")
        #expect(pinned.security == .pinned(try PinnedCertificate(pin: pin)))
        #expect(pinned.proxy == nil)
        let byCA = try VaultTransportSettings(caFile: certificate.certificatePath).resolve(url: "https://vault.example.org")
        #expect(byCA.security == .trustedCAFile(certificate.certificatePath))
        #expect(try VaultTransportSettings().resolve(url: "https://vault.example.org").security == .systemTrust)
    }

    @Test("several pins separated by ; are all accepted (key rotation)")
    func rotation() throws {
        let other = try SelfSignedCertificate(in: directory.path, name: "next")
        let both = try certificate.opensslPublicKeyPin() + ";" + other.opensslPublicKeyPin()
        let resolved = try VaultTransportSettings(pin: both).resolve(url: "https://vault.example.org")
        guard case .pinned(let pinned) = resolved.security else { Issue.record("not pinned: \(resolved.security)"); return }
        #expect(pinned.curlPin == both)
    }

    @Test("an onion vault needs the proxy; through it plain http is allowed and names go to the proxy")
    func onion() throws {
        let onion = "http://" + String(repeating: "a", count: 56) + ".onion"
        #expect(throws: VaultTransportError.self) { try VaultTransportSettings().resolve(url: onion) }
        do {
            _ = try VaultTransportSettings().resolve(url: onion)
        } catch {
            #expect(error.description.contains("socks_proxy"))
        }
        let viaTor = try VaultTransportSettings(socksProxy: "127.0.0.1:9050").resolve(url: onion)
        #expect(viaTor.security == .loopbackPlainHTTP)
        #expect(viaTor.proxy?.description == "socks5h://127.0.0.1:9050")
        let pinnedOnion = try VaultTransportSettings(pin: try certificate.opensslPublicKeyPin(), socksProxy: "socks5h://127.0.0.1:9050")
            .resolve(url: onion.replacingOccurrences(of: "http:", with: "https:"))
        #expect(pinnedOnion.proxy?.port == 9050)
    }

    @Test("bad values name the key (agent) or the flag (casa-recover) and say what to write", arguments: [
        (VaultTransportSettings(pin: "abc"), "vault_pin", "sha256//"),
        (VaultTransportSettings(pin: "sha256//AAAA"), "vault_pin", "openssl x509"),
        (VaultTransportSettings(caFile: "/nonexistent/ca.pem"), "vault_ca_file", "cannot read"),
        (VaultTransportSettings(socksProxy: "127.0.0.1"), "socks_proxy", "host:port"),
        (VaultTransportSettings(socksProxy: "socks5://127.0.0.1:9050"), "socks_proxy", "socks5h"),
        (VaultTransportSettings(pin: "sha256//AAAA", names: .recoverFlags), "--vault-pin", "sha256//"),
        (VaultTransportSettings(socksProxy: "tor", names: .recoverFlags), "--vault-socks", "host:port"),
    ])
    func badValues(_ settings: VaultTransportSettings, key: String, advice: String) throws {
        do {
            try settings.validate()
            Issue.record("accepted \(settings)")
        } catch {
            #expect(error.description.contains(key), "\(error)")
            #expect(error.description.contains(advice), "\(error)")
        }
    }

    @Test("a file that is not a PEM certificate is refused as a CA file")
    func notPEM() throws {
        let path = try directory.write("notes.txt", text: "hello\n")
        #expect(throws: VaultTransportError.self) { try VaultTransportSettings(caFile: path).validate() }
    }

    @Test("pin and CA file together are refused, naming both")
    func pinAndCAFile() throws {
        let settings = VaultTransportSettings(pin: try certificate.opensslPublicKeyPin(), caFile: certificate.certificatePath)
        do {
            try settings.validate()
            Issue.record("accepted both")
        } catch {
            #expect(error.description.contains("vault_pin") && error.description.contains("vault_ca_file"))
        }
    }

    @Test("a pin or CA file with a plain http URL is refused: there is no certificate to check")
    func pinWithPlainHTTP() throws {
        let settings = VaultTransportSettings(pin: try certificate.opensslPublicKeyPin(), names: .recoverFlags)
        do {
            _ = try settings.resolve(url: "http://127.0.0.1:8080")
            Issue.record("accepted a pin for plain http")
        } catch {
            #expect(error.description.contains("https://") && error.description.contains("--vault-pin"))
        }
    }

    @Test("the configuration carries the security and the proxy (Tor timeouts when proxied)")
    func configuration() throws {
        let account = try #require(AccountID(hex: String(repeating: "ab", count: 32)))
        let configuration = try VaultClientConfiguration(
            baseURL: "https://vault.example.org/", account: account,
            transport: VaultTransportSettings(caFile: certificate.certificatePath, socksProxy: "127.0.0.1:9050"))
        #expect(configuration.security == .trustedCAFile(certificate.certificatePath))
        #expect(configuration.proxy?.host == "127.0.0.1")
        #expect(configuration.timeouts == .tor)
    }
}
