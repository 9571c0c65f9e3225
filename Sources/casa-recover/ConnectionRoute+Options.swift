import ArgumentParser
import LightningPeer

extension ConnectionRoute {
    /// The route `--tor` / `--socks HOST:PORT` name (restore --escalate, trigger-force-close).
    static func from(tor: Bool, socks: String?) throws -> ConnectionRoute {
        if tor { return .tor }
        guard let socks else { return .direct }
        do {
            return .socks5(proxy: try PeerAddress(parsing: socks, defaultPort: 1080))
        } catch {
            throw ValidationError("--socks \(socks): \(error)")
        }
    }
}
