public import LightningWire

/// Why talking to a peer failed. Every case says what to check.
public enum PeerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Name resolution or TCP connect failed.
    case connectFailed(address: String, reason: String)
    /// A step did not finish in time.
    case timedOut(String)
    /// The peer closed the connection (after `received` bytes of the current read).
    case closedByPeer(during: String)
    /// A socket call failed.
    case socket(String)
    /// The SOCKS5 proxy refused or broke the protocol.
    case socks(String)
    case handshake(HandshakeError)
    case frame(FrameError)
    case wire(WireError)
    /// The peer broke a BOLT 1 rule (first message not init, unknown even message...).
    case protocolViolation(String)
    /// A bad address string.
    case invalidAddress(String)

    /// True when the peer was never reached (resolution, connect, proxy), as opposed to a
    /// peer that answered and then failed the handshake or the protocol.
    public var isUnreachable: Bool {
        switch self {
        case .connectFailed, .socks, .invalidAddress: return true
        case .timedOut(let what): return what.hasPrefix("connecting")
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .connectFailed(let address, let reason):
            return "could not connect to \(address): \(reason); check the address, that the node is online, and --tor/--socks for .onion addresses"
        case .timedOut(let what):
            return "timed out \(what); the peer or proxy is slow or unreachable"
        case .closedByPeer(let during):
            return "the peer closed the connection during \(during)"
        case .socket(let what):
            return "socket error: \(what)"
        case .socks(let what):
            return "SOCKS5 proxy: \(what)"
        case .handshake(let e):
            return "BOLT 8 handshake failed: \(e)"
        case .frame(let e):
            return "encrypted transport failed: \(e)"
        case .wire(let e):
            return "peer sent a malformed message: \(e)"
        case .protocolViolation(let what):
            return "peer broke the Lightning protocol: \(what)"
        case .invalidAddress(let what):
            return "invalid peer address \(what): use host:port, [ipv6]:port or <56 chars>.onion:port"
        }
    }
}
