public import LightningPeer
public import Secp256k1

/// The responder role: listens (loopback by default) and runs the BOLT 8 responder handshake
/// for each connection. Tests and the lnd simulator use it to act as a Lightning peer.
public final class PeerListener: Sendable {
    public let nodeKey: PrivateKey
    public let timeouts: PeerTimeouts
    private let listener: TCPListener

    public init(nodeKey: PrivateKey, host: String = "127.0.0.1", port: UInt16 = 0, timeouts: PeerTimeouts = PeerTimeouts()) throws {
        self.nodeKey = nodeKey
        self.timeouts = timeouts
        listener = try TCPListener(host: host, port: port)
    }

    public var nodeID: PublicKey { nodeKey.publicKey }
    public var address: PeerAddress { PeerAddress(host: listener.host, port: listener.port) }

    /// Waits for the next TCP connection (no handshake yet).
    public func acceptSocket(timeout: Duration) throws -> TCPSocket {
        try listener.accept(deadline: .now + timeout)
    }

    /// Accepts one connection and completes the handshake; the connection knows the initiator's id.
    public func accept(timeout: Duration) throws -> PeerConnection {
        let socket = try acceptSocket(timeout: timeout)
        return try PeerConnection.respond(over: socket, localKey: nodeKey, timeouts: timeouts)
    }

    public func close() {
        listener.close()
    }
}
