/// Every request has a bound on each phase. Streams replace the total and low-speed limits
/// by TCP keepalive, because an lnd stream may legitimately stay silent for days.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Abort when the transfer is slower than `bytesPerSecond` for `duration`.
    public struct LowSpeed: Sendable, Equatable {
        public var bytesPerSecond: Int
        public var duration: Duration

        public init(bytesPerSecond: Int, duration: Duration) {
            self.bytesPerSecond = bytesPerSecond
            self.duration = duration
        }
    }

    /// TCP connect plus TLS handshake plus the SOCKS negotiation when a proxy is used.
    public var connect: Duration
    /// The whole request, from start to the last body byte; nil means unbounded (streams).
    public var total: Duration?
    /// Stall detection; nil disables it (streams).
    public var lowSpeed: LowSpeed?
    /// TCP keepalive idle time and probe interval: how a silent stream notices a dead peer.
    public var keepaliveIdle: Duration

    public init(connect: Duration, total: Duration?, lowSpeed: LowSpeed?, keepaliveIdle: Duration = .seconds(30)) {
        self.connect = connect
        self.total = total
        self.lowSpeed = lowSpeed
        self.keepaliveIdle = keepaliveIdle
    }

    /// For request/response calls on a LAN or loopback.
    public static let standard = HTTPTimeouts(
        connect: .seconds(10), total: .seconds(60),
        lowSpeed: LowSpeed(bytesPerSecond: 1, duration: .seconds(30))
    )

    /// For long-lived streams: bounded connect, no total, keepalive to notice a vanished peer.
    public static let streaming = HTTPTimeouts(connect: .seconds(10), total: nil, lowSpeed: nil)

    /// Tor circuits take seconds to build: more generous bounds for onion services.
    public static let tor = HTTPTimeouts(
        connect: .seconds(60), total: .seconds(180),
        lowSpeed: LowSpeed(bytesPerSecond: 1, duration: .seconds(60))
    )
}

extension Duration {
    /// Whole milliseconds, rounded up so that a tiny positive duration never becomes 0 (= infinite in curl).
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: Swift.max(ms, 1))
    }

    var curlSeconds: Int {
        Swift.max(1, (curlMilliseconds + 999) / 1000)
    }
}
