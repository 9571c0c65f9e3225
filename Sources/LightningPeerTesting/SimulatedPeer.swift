import Foundation
public import LightningPeer
public import LightningWire
public import Secp256k1
import Synchronization
import LightningTypes

/// A scripted Lightning peer (responder role) that reacts to channel_reestablish and error the
/// way real implementations do, for tests and the lnd simulator's drills:
/// `.lnd` force-closes on a reestablish claiming data loss; `.cln` warns on it and force-closes
/// on our error; `.ignoresDataLoss` only reacts to the error; `.silent` never reacts.
///
/// Each connection runs on its own thread until the initiator hangs up or `stop()` is called.
public final class SimulatedPeer: Sendable {
    /// What the peer does when a message arrives for one of its channels.
    public struct Reaction: Sendable, Equatable {
        public enum Reply: Sendable, Equatable { case none, error(String), warning(String) }
        public var reply: Reply
        public var forceClose: Bool
        public var disconnect: Bool

        public init(reply: Reply = .none, forceClose: Bool = false, disconnect: Bool = false) {
            self.reply = reply
            self.forceClose = forceClose
            self.disconnect = disconnect
        }

        public static let ignore = Reaction()
    }

    public struct Behaviour: Sendable, Equatable {
        /// On a channel_reestablish whose next_commitment_number is 0 (data loss claimed).
        public var onDataLossReestablish: Reaction
        /// On an error for the channel (or for all channels).
        public var onError: Reaction
        /// Send our own channel_reestablish for each known channel right after init (as lnd does).
        public var sendsOwnReestablish: Bool
        public var features: FeatureBits

        public init(onDataLossReestablish: Reaction, onError: Reaction, sendsOwnReestablish: Bool = false,
                    features: FeatureBits = [0, 9, 13, 15, 17, 45]) {
            self.onDataLossReestablish = onDataLossReestablish
            self.onError = onError
            self.sendsOwnReestablish = sendsOwnReestablish
            self.features = features
        }

        /// lnd: RemoteDataLoss → force-close, answer "sync error"; an error alone closes nothing.
        public static let lnd = Behaviour(onDataLossReestablish: Reaction(reply: .error("sync error"), forceClose: true),
                                          onError: .ignore, sendsOwnReestablish: true)
        /// CLN: warns about the reestablish and waits; our error makes it fail the channel.
        public static let cln = Behaviour(onDataLossReestablish: Reaction(reply: .warning("bad reestablish revocation_number: 0 vs 1")),
                                          onError: Reaction(forceClose: true))
        /// A peer that ignores data-loss protection but honours error (drill 7).
        public static let ignoresDataLoss = Behaviour(onDataLossReestablish: .ignore, onError: Reaction(forceClose: true))
        /// A peer that never reacts.
        public static let silent = Behaviour(onDataLossReestablish: .ignore, onError: .ignore)
    }

    public enum Event: Sendable, Equatable {
        case connected(peer: PublicKey)
        case received(peer: PublicKey, message: WireMessage)
        /// The simulated node would now broadcast its commitment for this channel.
        case forceClosed(channel: ChannelID, reason: String)
        case disconnected(peer: PublicKey)
        case connectionFailed(String)
    }

    private let listener: PeerListener
    private let behaviour: Behaviour
    private let channels: Mutex<Set<ChannelID>>
    private let onEvent: @Sendable (Event) -> Void
    private let open = Mutex<[ObjectIdentifier: PeerConnection]>([:])
    private let stopped = Atomic<Bool>(false)

    /// - Parameters:
    ///   - channels: channel ids this node has with whoever connects (messages for others get
    ///     an "unknown channel" error, as CLN answers).
    ///   - onEvent: called on the connection's thread.
    public init(nodeKey: PrivateKey, behaviour: Behaviour, channels: Set<ChannelID>, host: String = "127.0.0.1", port: UInt16 = 0,
                onEvent: @escaping @Sendable (Event) -> Void = { _ in }) throws {
        listener = try PeerListener(nodeKey: nodeKey, host: host, port: port, timeouts: PeerTimeouts(handshake: .seconds(10)))
        self.behaviour = behaviour
        self.channels = Mutex(channels)
        self.onEvent = onEvent
    }

    public var nodeID: PublicKey { listener.nodeID }
    public var address: PeerAddress { listener.address }

    /// Channels still open (force-closed ones are removed).
    public var openChannels: Set<ChannelID> { channels.withLock { $0 } }

    /// Replaces the channels this node has with its counterparty (the lnd simulator opens and
    /// closes channels while the peer listens).
    public func setChannels(_ ids: Set<ChannelID>) {
        channels.withLock { $0 = ids }
    }

    /// Starts accepting connections on a background thread.
    public func start() {
        Thread { [self] in
            while !stopped.load(ordering: .acquiring) {
                do {
                    let socket = try listener.acceptSocket(timeout: .seconds(3600))
                    Thread { [self] in serve(socket) }.start()
                } catch PeerError.timedOut {
                    continue
                } catch {
                    return  // listener closed
                }
            }
        }.start()
    }

    /// Stops accepting and closes every open connection.
    public func stop() {
        stopped.store(true, ordering: .releasing)
        listener.close()
        for c in open.withLock({ Array($0.values) }) { c.close() }
    }

    private func serve(_ socket: TCPSocket) {
        let connection: PeerConnection
        do {
            connection = try PeerConnection.respond(over: socket, localKey: listener.nodeKey, timeouts: listener.timeouts)
        } catch {
            onEvent(.connectionFailed("\(error)"))
            return
        }
        let key = ObjectIdentifier(connection)
        open.withLock { $0[key] = connection }
        defer {
            open.withLock { _ = $0.removeValue(forKey: key) }
            connection.close()
            onEvent(.disconnected(peer: connection.remoteNodeID))
        }
        let peer = connection.remoteNodeID
        onEvent(.connected(peer: peer))
        do {
            _ = try connection.exchangeInit(InitMessage(features: behaviour.features))
            if behaviour.sendsOwnReestablish {
                for id in openChannels.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
                    try connection.send(.channelReestablish(ChannelReestablish(
                        channelID: id, nextCommitmentNumber: 1, nextRevocationNumber: 0,
                        dataLossProtect: try .init(yourLastPerCommitmentSecret: [UInt8](repeating: 0, count: 32), myCurrentPerCommitmentPoint: .generator))))
                }
            }
            while !stopped.load(ordering: .acquiring) {
                let message = try connection.receive(deadline: .now + .seconds(3600))
                onEvent(.received(peer: peer, message: message))
                if try !react(to: message, on: connection) { return }
            }
        } catch {
            return
        }
    }

    /// Returns false when the connection should end.
    private func react(to message: WireMessage, on connection: PeerConnection) throws -> Bool {
        switch message {
        case .ping(let ping):
            if let pong = ping.expectedPong { try connection.send(.pong(pong)) }
            return true
        case .channelReestablish(let m):
            guard openChannels.contains(m.channelID) else {
                try connection.send(.error(ErrorMessage(channelID: m.channelID, text: "bad reestablish msg for unknown channel")))
                return true
            }
            return try apply(m.nextCommitmentNumber == 0 ? behaviour.onDataLossReestablish : .ignore, channels: [m.channelID],
                             reason: "peer claimed data loss in channel_reestablish", on: connection)
        case .error(let m):
            let targets = m.channelID.isAll ? openChannels : openChannels.intersection([m.channelID])
            return try apply(behaviour.onError, channels: targets, reason: "peer sent error \"\(m.displayText)\"", on: connection)
        default:
            return true
        }
    }

    private func apply(_ reaction: Reaction, channels targets: Set<ChannelID>, reason: String, on connection: PeerConnection) throws -> Bool {
        for id in targets.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
            if reaction.forceClose {
                let removed = channels.withLock { $0.remove(id) != nil }
                if removed { onEvent(.forceClosed(channel: id, reason: reason)) }
            }
            switch reaction.reply {
            case .none: break
            case .error(let text): try connection.send(.error(ErrorMessage(channelID: id, text: text)))
            case .warning(let text): try connection.send(.warning(ErrorMessage(channelID: id, text: text)))
            }
        }
        return !reaction.disconnect
    }
}
