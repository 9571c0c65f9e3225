import LightningWire
import Logging
import LightningTypes

/// The world's peers as real BOLT 8 listeners (`PeerListenerSet`). They run while the simulator
/// runs, whatever the simulated lnd is doing: a peer does not go down with our node.
extension SimulatedNode {
    /// Starts a listener for every online peer at a loopback address (`Simulator.start`).
    public func startPeerListeners() {
        peerListeners.activate()
        refreshPeerListeners()
    }

    /// Stops every listener (`Simulator.shutdown`).
    public func stopPeerListeners() {
        peerListeners.stopAll()
    }

    /// Pubkeys of the peers that accept Lightning connections right now.
    public var listeningPeers: Set<String> { peerListeners.listening }

    /// Called whenever the world changed (peers, channels, spends).
    func refreshPeerListeners() {
        peerListeners.reconcile(world) { [weak self] peer, channel, reason in
            Task { await self?.peerForceClosed(peer: peer, channel: channel, reason: reason) }
        }
    }

    /// A listener's peer failed a channel (a data-loss reestablish to an lnd peer, or our
    /// `error`): it broadcasts its commitment, which the next block confirms.
    func peerForceClosed(peer: String, channel: ChannelID, reason: String) {
        holdWrites()
        defer { releaseWrites() }
        let output = world.fundingOutputs.values.first { output in
            guard output.peer == peer, output.isUnspent, let point = try? ChannelPoint(parsing: output.channelPoint) else { return false }
            return (try? ChannelID(channelPoint: point)) == channel
        }
        guard let output, broadcastClose(channelPoint: output.channelPoint, by: .remoteForce) != nil else { return }
        logger.info("simulated peer \(world.peer(peer)?.alias ?? peer) force-closes \(output.channelPoint): \(reason)")
        syncWithChain()
    }
}
