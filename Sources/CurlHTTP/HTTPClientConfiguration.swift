/// Settings shared by every request of one client.
public struct HTTPClientConfiguration: Sendable {
    public var security: TransportSecurity
    /// Route every request through this SOCKS5 proxy (Tor). Environment proxies are always ignored.
    public var proxy: SOCKSProxy?
    /// Limits for `send`.
    public var timeouts: HTTPTimeouts
    /// Limits for `stream`.
    public var streamTimeouts: HTTPTimeouts
    /// Largest body `send` collects; larger responses fail with `responseTooLarge`.
    public var maxResponseBytes: Int
    public var userAgent: String
    /// Idle handles kept for connection reuse.
    public var maxIdleHandles: Int

    public init(
        security: TransportSecurity,
        proxy: SOCKSProxy? = nil,
        timeouts: HTTPTimeouts = .standard,
        streamTimeouts: HTTPTimeouts = .streaming,
        maxResponseBytes: Int = 32 << 20,
        userAgent: String = "casa",
        maxIdleHandles: Int = 4
    ) {
        self.security = security
        self.proxy = proxy
        self.timeouts = timeouts
        self.streamTimeouts = streamTimeouts
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
        self.maxIdleHandles = maxIdleHandles
    }
}
