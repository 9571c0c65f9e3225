/// How a client authenticates servers. Plain http is a deliberate, explicit choice.
public enum TransportSecurity: Sendable, Equatable {
    /// https, verified against the system CA roots and the host name (a vault behind a public TLS proxy).
    case systemTrust
    /// https to a server with its own certificate: exactly this public key is accepted.
    case pinned(PinnedCertificate)
    /// https verified against the CA certificates in this PEM file (and the host name) instead of
    /// the system roots: a vault with its own CA, or a self-signed certificate trusted as its own CA.
    case trustedCAFile(String)
    /// Plain http. Only loopback hosts (and .onion hosts through the SOCKS5 proxy, which Tor
    /// encrypts end to end) unless `allowRemoteHosts` is set.
    case plainHTTP(allowRemoteHosts: Bool)

    /// Plain http to loopback only: for tests, and for lnd with `no-rest-tls` on the same machine.
    public static let loopbackPlainHTTP = TransportSecurity.plainHTTP(allowRemoteHosts: false)
}
