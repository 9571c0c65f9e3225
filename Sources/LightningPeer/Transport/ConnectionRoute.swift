/// How to reach a peer: directly, or through a SOCKS5 proxy (Tor) that resolves names itself.
public enum ConnectionRoute: Sendable, Equatable, CustomStringConvertible {
    case direct
    case socks5(proxy: PeerAddress, credentials: SOCKS5Client.Credentials? = nil)

    /// Tor's default SOCKS port on the local machine.
    public static let tor = ConnectionRoute.socks5(proxy: PeerAddress(host: "127.0.0.1", port: 9050))

    /// Whether addresses of this kind can be reached on this route (.onion needs a proxy).
    public func canReach(_ address: PeerAddress) -> Bool {
        if case .direct = self { return !address.isOnion }
        return true
    }

    /// Opens a TCP stream to `address` on this route.
    public func open(_ address: PeerAddress, deadline: ContinuousClock.Instant) throws -> TCPSocket {
        switch self {
        case .direct:
            guard !address.isOnion else {
                throw PeerError.connectFailed(address: address.description, reason: ".onion addresses need --tor or --socks")
            }
            return try TCPSocket.connect(host: address.host, port: address.port, deadline: deadline)
        case .socks5(let proxy, let credentials):
            return try SOCKS5Client.connect(proxy: proxy, target: address, credentials: credentials, deadline: deadline)
        }
    }

    public var description: String {
        switch self {
        case .direct: return "direct"
        case .socks5(let proxy, _): return "SOCKS5 proxy \(proxy)"
        }
    }
}
