public import CurlHTTP

/// Where and how to reach lnd's REST interface.
public struct LNDConnection: Sendable {
    /// e.g. https://127.0.0.1:8080 (no trailing slash needed).
    public var baseURL: String
    /// `.pinned(tls.cert)` normally; plain http only for `no-rest-tls` on loopback.
    public var security: TransportSecurity
    /// Nil for the calls that need none (state, unlock, genseed, init).
    public var macaroon: LNDMacaroon?
    public var proxy: SOCKSProxy?
    public var timeouts: HTTPTimeouts

    public init(
        baseURL: String, security: TransportSecurity, macaroon: LNDMacaroon?,
        proxy: SOCKSProxy? = nil, timeouts: HTTPTimeouts = .standard
    ) {
        self.baseURL = baseURL
        self.security = security
        self.macaroon = macaroon
        self.proxy = proxy
        self.timeouts = timeouts
    }
}
