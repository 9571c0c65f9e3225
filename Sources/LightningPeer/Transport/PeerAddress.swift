import Foundation

/// A peer's network address: a host name, IPv4/IPv6 literal or .onion, and a port.
public struct PeerAddress: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    public static let defaultPort: UInt16 = 9735

    public let host: String
    public let port: UInt16

    public init(host: String, port: UInt16 = PeerAddress.defaultPort) {
        self.host = host
        self.port = port
    }

    /// Parses `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 literal (default port 9735).
    public init(parsing text: String, defaultPort: UInt16 = PeerAddress.defaultPort) throws {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.contains(where: { $0 == " " || $0 == "/" || $0 == "@" }) else {
            throw PeerError.invalidAddress("'\(text)'")
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw PeerError.invalidAddress("'\(text)': missing ]") }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard !host.isEmpty else { throw PeerError.invalidAddress("'\(text)': empty host") }
            if rest.isEmpty { self.init(host: host, port: defaultPort); return }
            guard rest.hasPrefix(":"), let port = UInt16(rest.dropFirst()), port > 0 else {
                throw PeerError.invalidAddress("'\(text)': bad port")
            }
            self.init(host: host, port: port)
            return
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 0 { self.init(host: text, port: defaultPort); return }
        if colons > 1 { self.init(host: text, port: defaultPort); return }  // bare IPv6 literal
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard !parts[0].isEmpty, let port = UInt16(parts[1]), port > 0 else { throw PeerError.invalidAddress("'\(text)': bad port") }
        self.init(host: String(parts[0]), port: port)
    }

    /// Tor onion service address: reachable only through a SOCKS5 proxy.
    public var isOnion: Bool { host.lowercased().hasSuffix(".onion") }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
