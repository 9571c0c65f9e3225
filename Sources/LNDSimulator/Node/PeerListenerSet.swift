import LightningPeer
import LightningPeerTesting
import LightningWire
import Logging
import Secp256k1
import Sodium
import Codecs
import LightningTypes

/// Real BOLT 8 listeners for the world's peers. Each online peer with a loopback address and a
/// node key accepts Lightning connections as itself and reacts like its implementation
/// (`SimulatedPeer`): lnd force-closes on a data-loss channel_reestablish; a
/// `silent` peer ignores it and only closes on `error` (drill 7); CLN warns on it and closes on
/// `error`. The force closes it decides go to `onForceClose`, which broadcasts the peer's
/// commitment in the simulated chain. Only loopback addresses are ever listened on.
final class PeerListenerSet {
    typealias ForceCloseHandler = @Sendable (_ peer: String, _ channel: ChannelID, _ reason: String) -> Void

    private struct Running {
        let host: String
        let behaviour: SimulatedPeer.Behaviour
        let listener: SimulatedPeer
    }

    private var running: [String: Running] = [:]
    /// Peers whose listener could not start, with the address tried (logged once per address).
    private var failed: [String: String] = [:]
    private var isActive = false
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Pubkeys of the peers that listen right now.
    var listening: Set<String> { Set(running.keys) }

    static func behaviour(for peer: RemoteNode) -> SimulatedPeer.Behaviour {
        if peer.silent { return .ignoresDataLoss }
        return peer.isCLN ? .cln : .lnd
    }

    /// The port of a `127.x.x.x:port` address; nil for anything that is not IPv4 loopback.
    static func loopback(_ host: String) -> (host: String, port: UInt16)? {
        guard let colon = host.lastIndex(of: ":"), let port = UInt16(host[host.index(after: colon)...]), port > 0 else { return nil }
        let address = String(host[..<colon])
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127", octets.allSatisfy({ UInt8($0) != nil }) else { return nil }
        return (address, port)
    }

    /// The BOLT 2 ids of the peer's channels whose funding output is still unspent.
    static func channels(of pubkey: String, in world: SimulatedWorld) -> Set<ChannelID> {
        Set(world.fundingOutputs.values.compactMap { output -> ChannelID? in
            guard output.peer == pubkey, output.isUnspent, let point = try? ChannelPoint(parsing: output.channelPoint) else { return nil }
            return try? ChannelID(channelPoint: point)
        })
    }

    /// Starts listening from now on (the simulator is up).
    func activate() {
        isActive = true
    }

    /// Brings the listeners in line with the world: offline, moved or changed peers stop (a
    /// moved or changed one starts again at its address, with its behaviour); channel sets follow
    /// the chain.
    func reconcile(_ world: SimulatedWorld, onForceClose: @escaping ForceCloseHandler) {
        guard isActive else { return }
        var wanted: [String: RemoteNode] = [:]
        for peer in world.peers where peer.online && peer.nodeKey != nil && PeerListenerSet.loopback(peer.host) != nil {
            wanted[peer.pubkey] = peer
        }
        for (pubkey, entry) in running {
            guard let peer = wanted[pubkey], peer.host == entry.host, PeerListenerSet.behaviour(for: peer) == entry.behaviour else {
                entry.listener.stop()
                running[pubkey] = nil
                continue
            }
        }
        for (pubkey, peer) in wanted {
            let channels = PeerListenerSet.channels(of: pubkey, in: world)
            if let entry = running[pubkey] {
                entry.listener.setChannels(channels)
            } else {
                start(peer, channels: channels, onForceClose: onForceClose)
            }
        }
        failed = failed.filter { wanted[$0.key]?.host == $0.value }
    }

    private func start(_ peer: RemoteNode, channels: Set<ChannelID>, onForceClose: @escaping ForceCloseHandler) {
        guard let address = PeerListenerSet.loopback(peer.host), let keyHex = peer.nodeKey else { return }
        do {
            guard let bytes = Hex.decode(keyHex) else { throw PeerError.invalidAddress("the node key of \(peer.alias) is not hex") }
            let key = try PrivateKey(secret: SecureBytes(copying: bytes))
            let pubkey = peer.pubkey
            let behaviour = PeerListenerSet.behaviour(for: peer)
            let listener = try SimulatedPeer(
                nodeKey: key, behaviour: behaviour, channels: channels, host: address.host, port: address.port
            ) { event in
                if case .forceClosed(let channel, let reason) = event { onForceClose(pubkey, channel, reason) }
            }
            listener.start()
            running[pubkey] = Running(host: peer.host, behaviour: behaviour, listener: listener)
            failed[pubkey] = nil
        } catch {
            if failed[peer.pubkey] != peer.host {
                logger.warning("simulated peer \(peer.alias) cannot listen on \(peer.host): \(error)")
            }
            failed[peer.pubkey] = peer.host
        }
    }

    /// Stops every listener (the simulator shuts down).
    func stopAll() {
        isActive = false
        for entry in running.values { entry.listener.stop() }
        running = [:]
        failed = [:]
    }

    /// A free loopback port for a new peer (the listener binds it right after).
    static func freeLoopbackPort() -> Int? {
        guard let probe = try? TCPListener(host: "127.0.0.1", port: 0) else { return nil }
        defer { probe.close() }
        return Int(probe.port)
    }
}
