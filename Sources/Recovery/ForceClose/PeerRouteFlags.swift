import LightningPeer

/// How to reach peers, as `--tor` / `--socks HOST:PORT` say (restore --escalate, trigger-force-close).
public struct PeerRouteFlags: Sendable, Equatable {
    public var tor: Bool
    public var socks: String?

    public init(tor: Bool, socks: String?) {
        self.tor = tor
        self.socks = socks
    }

    /// Tor's SOCKS port for `--tor`, the given proxy for `--socks`, else direct.
    public func route() throws(TriggerError) -> ConnectionRoute {
        if tor { return .tor }
        guard let socks else { return .direct }
        do {
            return .socks5(proxy: try PeerAddress(parsing: socks, defaultPort: 1080))
        } catch {
            throw .invalidSocks(socks, reason: "\(error)")
        }
    }
}
