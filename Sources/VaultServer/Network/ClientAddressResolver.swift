/// Who a request comes from, for the per-address rate limit (review M5).
///
/// Behind the recommended reverse proxy every TCP peer is the proxy, so the peer alone would put
/// every client in one bucket. When the peer is a trusted proxy (`trusted_proxies`), the client is
/// the right-most address of `X-Forwarded-For` that is not itself a trusted proxy: that is the
/// last hop a trusted proxy saw, and everything to its left may be forged by the client. From
/// any other peer the header is ignored.
struct ClientAddressResolver: Sendable {
    let trustedProxies: [IPNetwork]

    /// Parses the configured entries; throws naming the first malformed one.
    init(trustedProxies entries: [String]) throws {
        trustedProxies = try entries.map { entry in
            guard let network = IPNetwork(entry) else {
                throw VaultConfigurationError("trusted_proxies: \(entry) is not an IP address or a CIDR block (e.g. 127.0.0.1, 10.0.0.0/8, ::1)")
            }
            return network
        }
    }

    func isTrusted(_ address: IPAddress) -> Bool { trustedProxies.contains { $0.contains(address) } }

    /// The rate-limit key of a request from `peer` (its TCP peer address, as text) with these
    /// `X-Forwarded-For` values (each may be a comma-separated list; all are read in order).
    func key(peer: String, forwardedFor: [String]) -> String {
        guard let peerAddress = IPAddress(peer) else { return peer }
        guard isTrusted(peerAddress), !forwardedFor.isEmpty else { return peerAddress.rateLimitKey }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
        var client = peerAddress
        for hop in hops.reversed() {
            // A malformed hop ends the walk: the last trusted proxy is all that is known.
            guard let address = IPAddress(hop) else { break }
            client = address
            guard isTrusted(address) else { break }
        }
        return client.rateLimitKey
    }
}
