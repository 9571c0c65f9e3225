/// Time limits for one connection. lnd gives each handshake act 5 s and waits 15 s for init;
/// Tor circuits can be slow, so our defaults are a little more generous.
public struct PeerTimeouts: Sendable, Equatable {
    /// TCP connect (through the proxy, when there is one).
    public var connect: Duration
    /// The whole three-act handshake.
    public var handshake: Duration
    /// Waiting for the peer's init after ours.
    public var initMessage: Duration
    /// Writing one message.
    public var write: Duration

    public init(connect: Duration = .seconds(60), handshake: Duration = .seconds(15),
                initMessage: Duration = .seconds(15), write: Duration = .seconds(15)) {
        self.connect = connect
        self.handshake = handshake
        self.initMessage = initMessage
        self.write = write
    }
}
