import Foundation
import Logging
import Secp256k1
import Sodium
import Codecs
import LightningTypes

/// Peer connections: lnd keeps persistent connections to every peer it has a channel with,
/// dialing only the addresses it knows for that peer; a restored shell's peer is dialed at the
/// addresses in the backup and answers the data-loss reestablish by force-closing (unless silent).
extension SimulatedNode {
    func reconcileConnections() {
        holdWrites()
        defer { releaseWrites() }
        guard walletState == .serverActive else {
            connected = [:]
            return
        }
        for (pubkey, host) in connected {
            guard let peer = world.peer(pubkey), peer.online, peer.host == host else {
                connected[pubkey] = nil
                continue
            }
        }
        var wanted = persistentPeers
        for channel in database.channels where channel.phase != .closed { wanted.insert(channel.remotePubkey) }
        for pubkey in wanted.sorted() where connected[pubkey] == nil {
            guard let peer = world.peer(pubkey), peer.online else { continue }
            let dialable = database.dialOnly[pubkey] ?? Set(database.knownAddresses[pubkey] ?? [])
            guard dialable.contains(peer.host) else { continue }
            peerConnected(peer)
        }
    }

    /// On every (re)connection, restored shells send channel_reestablish with the data-loss
    /// signal; a peer that still has the channel open force-closes unless it is silent.
    private func peerConnected(_ peer: RemoteNode) {
        connected[peer.pubkey] = peer.host
        // Gossip from the first peer fills the graph (D5).
        if database.graphSynced != true {
            database.graphSynced = true
            saveDatabase()
        }
        var reestablished = false
        for index in database.channels.indices {
            let channel = database.channels[index]
            guard channel.remotePubkey == peer.pubkey, channel.isRestored, channel.phase == .waitingClose else { continue }
            database.channels[index].reestablishSent = true
            reestablished = true
            if !peer.silent {
                _ = broadcastClose(channelPoint: channel.channelPoint, by: .remoteForce)
            }
        }
        if reestablished {
            saveDatabase()
            syncWithChain()
        }
    }

    /// ConnectPeer (`POST /v1/peers`).
    func connectPeer(_ request: JSONInput) throws(RPCError) -> JSONValue {
        holdWrites()
        defer { releaseWrites() }
        guard let address = try request.object("addr") else { throw .unknown("need: lnc pubkey@host") }
        let pubkey = try address.string("pubkey").lowercased()
        let host = try address.string("host")
        let permanent = try request.bool("perm")
        guard let bytes = Hex.decode(pubkey), (try? PublicKey(bytes: bytes)) != nil else {
            throw .unknown("invalid public key: \(pubkey)")
        }
        if pubkey == identityPubkeyHex { throw .unknown("cannot make connection to self") }
        guard !host.isEmpty else { throw .unknown("need: lnc pubkey@host") }
        if let existing = connected[pubkey] {
            throw .unknown("already connected to peer: \(pubkey)@\(existing)")
        }
        let reachable = world.peer(pubkey).map { $0.online && $0.host == host } ?? false
        if permanent {
            database.learnAddress(host, for: pubkey)
            if database.dialOnly[pubkey] != nil { database.dialOnly[pubkey]?.insert(host) }
            persistentPeers.insert(pubkey)
            saveDatabase()
            reconcileConnections()
            return .object([("status", .string("connection to \(pubkey)@\(host) initiated"))])
        }
        guard reachable, let peer = world.peer(pubkey) else {
            throw .unknown("dial tcp \(host): connect: connection refused")
        }
        database.learnAddress(host, for: pubkey)
        saveDatabase()
        peerConnected(peer)
        return .object([("status", .string("connection to \(pubkey)@\(host) initiated"))])
    }

    /// ListPeers (`GET /v1/peers`).
    public func listPeers() -> JSONValue {
        let peers = connected.keys.sorted().map { pubkey -> JSONValue in
            ProtoJSON.peer(pubkey: pubkey, address: connected[pubkey] ?? "")
        }
        return .object([("peers", .array(peers))])
    }

    /// GetNodeInfo (`GET /v1/graph/node/{pub_key}`): this node always; the simulated peers at
    /// their current announced address only once gossip filled the graph (a fresh node's graph
    /// is empty until it connected to a peer: D5, "unable to find node", rpcserver.go:6538).
    public func getNodeInfo(pubkey: String) throws(RPCError) -> JSONValue {
        let key = pubkey.lowercased()
        let channels = database.channels.filter { $0.phase == .open && !$0.isPrivate }
        if key == identityPubkeyHex {
            let capacity = channels.reduce(0) { $0 + $1.capacity }
            return ProtoJSON.nodeInfo(
                pubkey: key, alias: configuration.alias, addresses: ["127.0.0.1:9735"], lastUpdate: UInt32(Date().timeIntervalSince1970),
                numChannels: UInt32(channels.count), totalCapacity: capacity)
        }
        guard Hex.decode(key)?.count == 33 else { throw .unknown("unable to parse pubkey: \(pubkey)") }
        guard database.graphSynced == true, let peer = world.peer(key) else { throw RPCError(.notFound, "unable to find node") }
        let shared = channels.filter { $0.remotePubkey == key }
        return ProtoJSON.nodeInfo(
            pubkey: key, alias: peer.alias, addresses: [peer.host], lastUpdate: peer.lastUpdate,
            numChannels: UInt32(shared.count), totalCapacity: shared.reduce(0) { $0 + $1.capacity })
    }
}
