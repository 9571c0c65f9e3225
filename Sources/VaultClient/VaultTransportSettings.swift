public import CurlHTTP
import Foundation

/// How to reach the vault, as the user wrote it: the vault's public-key pin or a CA file for
/// https, and a SOCKS5 proxy (Tor). The one place where the agent and casa-recover turn these
/// into a `TransportSecurity` and a `SOCKSProxy`.
public struct VaultTransportSettings: Sendable, Equatable {
    /// `sha256//<base64>` (curl's CURLOPT_PINNEDPUBLICKEY form); several separated by `;` while
    /// the vault rotates its key.
    public var pin: String?
    /// A PEM file of CA certificates trusted instead of the system roots.
    public var caFile: String?
    /// `host:port` (or `socks5h://host:port`); always socks5h, so the proxy resolves names.
    public var socksProxy: String?
    public var names: VaultTransportSettingNames

    public init(pin: String? = nil, caFile: String? = nil, socksProxy: String? = nil,
                names: VaultTransportSettingNames = .agentConfig) {
        self.pin = pin
        self.caFile = caFile
        self.socksProxy = socksProxy
        self.names = names
    }

    static let pinHowTo = "write sha256//<base64 of the SHA-256 of the vault's public key>; from its certificate: "
        + "openssl x509 -in vault.crt -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"

    /// Checks what can be checked without the URL: the pin's syntax, the CA file, the proxy.
    public func validate() throws(VaultTransportError) {
        _ = try proxy()
        _ = try tlsSecurity()
    }

    /// The security and proxy for a vault at `url`.
    public func resolve(url: String) throws(VaultTransportError) -> (security: TransportSecurity, proxy: SOCKSProxy?) {
        let proxy = try proxy()
        let tls = try tlsSecurity()
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty else {
            throw VaultTransportError("\(names.url) \(url): expected https://host[:port] (or http:// to a loopback or .onion vault)")
        }
        if host.lowercased().hasSuffix(".onion"), proxy == nil {
            throw VaultTransportError("\(names.url) \(url) is a Tor onion address: set \(names.socksProxy) to Tor's SOCKS port (e.g. 127.0.0.1:9050)")
        }
        if scheme == "http" {
            guard tls == nil else {
                throw VaultTransportError("\(names.pin) and \(names.caFile) need an https:// \(names.url): plain http has no certificate to check")
            }
            // Loopback only, or a .onion through the proxy (Tor encrypts and authenticates it end to end);
            // CurlHTTP refuses any other host before connecting.
            return (.loopbackPlainHTTP, proxy)
        }
        return (tls ?? .systemTrust, proxy)
    }

    func proxy() throws(VaultTransportError) -> SOCKSProxy? {
        guard let text = socksProxy?.trimmingCharacters(in: .whitespaces) else { return nil }
        do {
            return try SOCKSProxy(parsing: text)
        } catch {
            throw VaultTransportError("\(names.socksProxy) \(text): \(error.description); write host:port, e.g. 127.0.0.1:9050 for Tor")
        }
    }

    /// The pinned key or the CA file, nil for the system roots.
    func tlsSecurity() throws(VaultTransportError) -> TransportSecurity? {
        switch (pin, caFile) {
        case (.some, .some):
            throw VaultTransportError("give either \(names.pin) or \(names.caFile), not both: the pin accepts exactly the vault's key, "
                + "the CA file any certificate that CA issued for the vault's name")
        case (.some(let pin), nil):
            return .pinned(try pinnedCertificate(pin))
        case (nil, .some(let path)):
            try checkCAFile(path)
            return .trustedCAFile(path)
        case (nil, nil):
            return nil
        }
    }

    func pinnedCertificate(_ text: String) throws(VaultTransportError) -> PinnedCertificate {
        let pins = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = pins.first else { throw VaultTransportError("\(names.pin) is empty: \(Self.pinHowTo)") }
        do {
            var pinned = try PinnedCertificate(pin: first)
            for other in pins.dropFirst() { pinned = pinned.alsoAccepting(try PinnedCertificate(pin: other)) }
            return pinned
        } catch {
            throw VaultTransportError("\(names.pin) \(text) is not a public-key pin: \(Self.pinHowTo)")
        }
    }

    func checkCAFile(_ path: String) throws(VaultTransportError) {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw VaultTransportError("\(names.caFile) \(path): cannot read the file; give the path of the PEM certificate of the CA "
                + "(or of the vault's self-signed certificate)")
        }
        do {
            _ = try PinnedCertificate(pem: Array(contents))
        } catch {
            throw VaultTransportError("\(names.caFile) \(path) is not a PEM certificate (-----BEGIN CERTIFICATE-----): \(error.description)")
        }
    }
}
