/// A SOCKS5 proxy that resolves names itself (socks5h), as Tor needs for .onion addresses
/// and to keep DNS lookups off the local network.
public struct SOCKSProxy: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) throws(HTTPClientError) {
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == "@" || $0.isWhitespace }) else {
            throw .invalidProxy(host, reason: "expected a host name or IP address")
        }
        guard (1...65535).contains(port) else { throw .invalidProxy("\(host):\(port)", reason: "port must be 1-65535") }
        self.host = host
        self.port = port
    }

    /// Parses `socks5h://host:port` or `host:port` (Tor's default is 127.0.0.1:9050).
    public init(parsing text: String) throws(HTTPClientError) {
        var rest = Substring(text)
        if let schemeEnd = rest.firstRange(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "socks5h" else {
                throw .invalidProxy(text, reason: "use socks5h:// so that the proxy (Tor) resolves host names; \(scheme):// would leak DNS lookups or fail on .onion names")
            }
            rest = rest[schemeEnd.upperBound...]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) else {
            throw .invalidProxy(text, reason: "expected socks5h://host:port, e.g. socks5h://127.0.0.1:9050")
        }
        var host = rest[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        try self.init(host: String(host), port: port)
    }

    /// The value for CURLOPT_PROXY.
    var curlValue: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "socks5h://\(bracketed):\(port)"
    }

    public var description: String { curlValue }
}
