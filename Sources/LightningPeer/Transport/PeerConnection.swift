public import LightningWire
public import Secp256k1
import Synchronization

/// An encrypted BOLT 8 connection to one peer, over a blocking socket.
///
/// Sending and receiving may happen on two different threads; receives are serialised with
/// each other, and so are sends. Any transport or protocol error closes the connection,
/// as BOLT 8 and BOLT 1 require.
public final class PeerConnection: Sendable {
    public let socket: TCPSocket
    /// The other side's static key: its node id.
    public let remoteNodeID: PublicKey
    public let timeouts: PeerTimeouts
    private let encoder: Mutex<FrameEncoder>
    private let decoder: Mutex<FrameDecoder>

    private init(socket: TCPSocket, remoteNodeID: PublicKey, keys: TransportKeys, asInitiator: Bool, timeouts: PeerTimeouts) {
        self.socket = socket
        self.remoteNodeID = remoteNodeID
        self.timeouts = timeouts
        let (enc, dec) = keys.transport(asInitiator: asInitiator)
        encoder = Mutex(enc)
        decoder = Mutex(dec)
    }

    /// Connects to `nodeID` at `address` on `route` and runs the initiator handshake.
    public static func connect(to nodeID: PublicKey, at address: PeerAddress, localKey: PrivateKey,
                               route: ConnectionRoute = .direct, timeouts: PeerTimeouts = PeerTimeouts()) throws -> PeerConnection {
        let socket = try route.open(address, deadline: .now + timeouts.connect)
        do {
            return try initiate(over: socket, to: nodeID, localKey: localKey, timeouts: timeouts)
        } catch {
            socket.close()
            throw error
        }
    }

    /// Runs the initiator handshake on an open stream.
    public static func initiate(over socket: TCPSocket, to nodeID: PublicKey, localKey: PrivateKey,
                                timeouts: PeerTimeouts = PeerTimeouts()) throws -> PeerConnection {
        let deadline = ContinuousClock.now + timeouts.handshake
        var handshake = try NoiseInitiator(localStatic: localKey, remoteStatic: nodeID)
        try socket.write(try handshake.makeActOne(), deadline: deadline)
        let actTwo = try readAct(socket, count: HandshakeActs.actTwoByteCount, act: 2, deadline: deadline)
        let result: (actThree: [UInt8], keys: TransportKeys)
        do { result = try handshake.makeActThree(readingActTwo: actTwo) } catch let e as HandshakeError { throw PeerError.handshake(e) }
        try socket.write(result.actThree, deadline: deadline)
        return PeerConnection(socket: socket, remoteNodeID: nodeID, keys: result.keys, asInitiator: true, timeouts: timeouts)
    }

    /// Runs the responder handshake on an accepted stream; learns the initiator's node id.
    public static func respond(over socket: TCPSocket, localKey: PrivateKey, timeouts: PeerTimeouts = PeerTimeouts()) throws -> PeerConnection {
        do {
            let deadline = ContinuousClock.now + timeouts.handshake
            var handshake = try NoiseResponder(localStatic: localKey)
            let actOne = try readAct(socket, count: HandshakeActs.actOneByteCount, act: 1, deadline: deadline)
            let actTwo: [UInt8]
            do { actTwo = try handshake.makeActTwo(readingActOne: actOne) } catch let e as HandshakeError { throw PeerError.handshake(e) }
            try socket.write(actTwo, deadline: deadline)
            let actThree = try readAct(socket, count: HandshakeActs.actThreeByteCount, act: 3, deadline: deadline)
            let result: (remoteStatic: PublicKey, keys: TransportKeys)
            do { result = try handshake.readActThree(actThree) } catch let e as HandshakeError { throw PeerError.handshake(e) }
            return PeerConnection(socket: socket, remoteNodeID: result.remoteStatic, keys: result.keys, asInitiator: false, timeouts: timeouts)
        } catch {
            socket.close()
            throw error
        }
    }

    private static func readAct(_ socket: TCPSocket, count: Int, act: Int, deadline: ContinuousClock.Instant) throws -> [UInt8] {
        do {
            return try socket.read(exactly: count, deadline: deadline, what: "handshake act \(act)")
        } catch PeerError.closedByPeer {
            // lnd and CLN hang up silently when act one does not authenticate.
            throw PeerError.closedByPeer(during: "handshake act \(act) (a peer hangs up like this when the node id does not match the address)")
        }
    }

    /// Sends one message (type ‖ payload).
    public func send(_ message: WireMessage) throws {
        try sendRaw(message.encoded())
    }

    /// Sends already-encoded `type ‖ payload` bytes.
    public func sendRaw(_ message: [UInt8]) throws {
        try guarded {
            try encoder.withLock { encoder in
                let frame = try encoder.encode(message)
                try socket.write(frame, deadline: .now + timeouts.write)
            }
        }
    }

    /// Receives the next message as raw `type ‖ payload`.
    public func receiveRaw(deadline: ContinuousClock.Instant) throws -> [UInt8] {
        try guarded {
            try decoder.withLock { decoder in
                let header = try socket.read(exactly: FrameDecoder.headerByteCount, deadline: deadline, what: "a message header")
                let count = try decoder.bodyByteCount(forHeader: header)
                // The body follows the header immediately; give it its own short grace period.
                let bodyDeadline = max(deadline, .now + timeouts.write)
                return try decoder.message(fromBody: socket.read(exactly: count, deadline: bodyDeadline, what: "a message body"))
            }
        }
    }

    /// Receives and decodes the next message. An unknown even type closes the connection.
    public func receive(deadline: ContinuousClock.Instant) throws -> WireMessage {
        let raw = try receiveRaw(deadline: deadline)
        return try guarded {
            let message = try WireMessage(decoding: raw)
            if message.isUnknownEven { throw PeerError.protocolViolation("unknown required message type \(message.type)") }
            return message
        }
    }

    /// Sends our init and returns the peer's, which must be its first message.
    public func exchangeInit(_ ours: InitMessage = InitMessage(features: .minimalPeer)) throws -> InitMessage {
        try send(.initMessage(ours))
        let first = try receive(deadline: .now + timeouts.initMessage)
        guard case .initMessage(let theirs) = first else {
            close()
            throw PeerError.protocolViolation("the first message must be init, got \(first.summary)")
        }
        return theirs
    }

    public func close() {
        socket.close()
    }

    /// Maps errors to `PeerError` and closes the connection on every failure except a timeout
    /// at a message boundary (which just means "nothing arrived yet").
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PeerError {
            if case .timedOut = error, decoder.withLock({ $0.isAtMessageBoundary }) { throw error }
            close()
            throw error
        } catch let error as FrameError {
            close()
            throw PeerError.frame(error)
        } catch let error as WireError {
            close()
            throw PeerError.wire(error)
        } catch {
            close()
            throw error
        }
    }
}
