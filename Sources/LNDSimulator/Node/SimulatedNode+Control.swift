import Foundation
import Logging
import Secp256k1
import SeedKit
import Sodium
import Codecs
import LightningTypes

/// Drill operations of the control interface: peers, channels, mining, status.
extension SimulatedNode {
    public struct ControlError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Adds a simulated peer listening on a fresh loopback port.
    public func createPeer(alias: String?, implementation: String?, host: String?) throws -> RemoteNode {
        let key = try PrivateKey.generate()
        let pubkey = Hex.encode(key.publicKey.compressed)
        if let host { try SimulatedNode.checkPeerHost(host) }
        let port: Int
        if let free = PeerListenerSet.freeLoopbackPort() {
            port = free
        } else {
            port = world.nextPeerPort
            world.nextPeerPort += 1
        }
        let peer = RemoteNode(
            pubkey: pubkey, alias: alias ?? "peer-\(world.peers.count + 1)", host: host ?? "127.0.0.1:\(port)",
            online: true, silent: false, implementation: implementation ?? "lnd 0.21.2-beta",
            lastUpdate: UInt32(Date().timeIntervalSince1970), nodeKey: Hex.encode(key.secret.unsafeCopy()))
        world.peers.append(peer)
        saveWorld()
        return peer
    }

    public func peers() -> [RemoteNode] { world.peers }

    /// A peer listens only on IPv4 loopback; other addresses are allowed (graph, backups) but
    /// nothing listens there.
    static func checkPeerHost(_ host: String) throws {
        guard let colon = host.lastIndex(of: ":"), !host[..<colon].isEmpty, UInt16(host[host.index(after: colon)...]) != nil else {
            throw ControlError("host must be host:port, e.g. 127.0.0.1:9735")
        }
        if host.hasPrefix("127."), PeerListenerSet.loopback(host) == nil {
            throw ControlError("\(host) is not a loopback address a peer can listen on; use 127.0.0.1:<port>")
        }
    }

    public func updatePeer(_ reference: String, online: Bool? = nil, host: String? = nil, silent: Bool? = nil) throws -> RemoteNode {
        holdWrites()
        defer { releaseWrites() }
        guard let peer = world.resolvePeer(reference) else { throw ControlError("no simulated peer \(reference) (see `lnd-sim status`)") }
        if let host { try SimulatedNode.checkPeerHost(host) }
        _ = world.updatePeer(peer.pubkey) { peer in
            if let online { peer.online = online }
            if let host {
                peer.host = host
                peer.lastUpdate = UInt32(Date().timeIntervalSince1970)
            }
            if let silent { peer.silent = silent }
        }
        saveWorld()
        reconcileConnections()
        return world.peer(peer.pubkey) ?? peer
    }

    public struct OpenRequest: Sendable {
        public var peer: String?
        public var capacity: Int64 = 1_000_000
        public var localBalance: Int64?
        public var commitmentType: SimulatedCommitmentType = .anchorsZeroFeeHTLC
        public var isPrivate = false
        public var initiator = true
        public var pending = false
        public var closeTxInputs = true
        public init() {}
    }

    /// Opens a channel with a simulated peer (creating one when none is named): PendingOpen, then
    /// (unless `pending`) a block confirms it and it is Open. Each step is a backup event.
    public func openChannel(_ request: OpenRequest) throws -> SimulatedChannel {
        holdWrites()
        defer { releaseWrites() }
        guard walletState == .serverActive else { throw ControlError("the node is \(walletState.name); unlock it first") }
        let peer: RemoteNode
        if let reference = request.peer {
            guard let found = world.resolvePeer(reference) else { throw ControlError("no simulated peer \(reference)") }
            peer = found
        } else {
            peer = try createPeer(alias: nil, implementation: nil, host: nil)
        }
        guard peer.online else { throw ControlError("peer \(peer.alias) is offline") }
        guard request.capacity >= 20_000 else { throw ControlError("capacity must be at least 20000 sat") }
        let local = request.localBalance ?? (request.initiator ? request.capacity - 3_000 : 0)
        guard local >= 0, local <= request.capacity else { throw ControlError("local balance must be between 0 and the capacity") }
        database.learnAddress(peer.host, for: peer.pubkey)
        let keyIndex = database.nextKeyIndex
        database.nextKeyIndex += 1
        let remoteKeys = try (0..<5).map { _ in Hex.encode(try PrivateKey.generate().publicKey.compressed) }
        let channel = SimulatedChannel(
            fundingTxid: randomTxid(), outputIndex: UInt32(Random.uniform(2)), shortChannelID: UInt64(world.height) << 40,
            remotePubkey: peer.pubkey, capacity: request.capacity, localBalance: local,
            remoteBalance: request.capacity - local - (request.initiator ? min(3_000, request.capacity - local) : 0),
            commitmentType: request.commitmentType, initiator: request.initiator, isPrivate: request.isPrivate,
            localCSVDelay: 144, remoteCSVDelay: 144, keyIndex: keyIndex, remoteKeys: remoteKeys,
            leaseExpiry: request.commitmentType == .scriptEnforcedLease ? world.height + 4_320 : 0,
            includesCloseTxInputs: request.closeTxInputs, commitHeight: 0, broadcastHeight: world.height,
            phase: .pendingOpen, closeKind: nil, closingTxid: nil, closeConfirmHeight: nil,
            isRestored: false, reestablishSent: false)
        database.channels.append(channel)
        world.fundingOutputs[channel.channelPoint] = SimulatedWorld.FundingOutput(
            channelPoint: channel.channelPoint, peer: peer.pubkey, capacity: channel.capacity)
        saveWorld()
        saveDatabase()
        reconcileConnections()
        channelEvent(.pendingOpen, channelPoint: channel.channelPoint)
        if !request.pending { mine(1) }
        return database.channels[database.index(of: channel.channelPoint) ?? 0]
    }

    /// The peer closes a channel: a force close of its commitment, or a cooperative close.
    public func peerCloses(channelPoint: String, cooperative: Bool) throws -> String {
        guard let output = world.fundingOutputs[channelPoint] else { throw ControlError("no channel \(channelPoint) on the simulated chain") }
        guard output.isUnspent else { throw ControlError("channel \(channelPoint) is already closing") }
        guard let txid = broadcastClose(channelPoint: channelPoint, by: cooperative ? .cooperative : .remoteForce) else {
            throw ControlError("cannot close \(channelPoint)")
        }
        syncWithChain()
        return txid
    }

    /// Our node force-closes (as CloseChannel with force=true, without a stream).
    public func forceClose(channelPoint: String) throws -> String {
        let parts = channelPoint.split(separator: ":")
        guard parts.count == 2, let index = UInt32(parts[1]) else { throw ControlError("channel point must be txid:index") }
        do {
            _ = try closeChannel(txid: String(parts[0]), outputIndex: index, force: true, feeFieldsSet: false)
        } catch {
            throw ControlError(error.message)
        }
        return database.channels.first { $0.channelPoint == channelPoint }?.closingTxid ?? ""
    }

    public func status() -> JSONValue {
        .object([
            ("simulator", .string("lnd-sim (a simulated lnd for tests and demos; not lnd)")),
            ("state", .string(walletState.name)),
            ("network", .string(configuration.network.rawValue)),
            ("lnddir", .string(directory.root.path)),
            ("identity_pubkey", .string(identityPubkeyHex)),
            ("block_height", .uint32(world.height)),
            ("chain_sync", chainSyncStatus),
            ("channels", .array(database.channels.map { channel in
                .object([
                    ("channel_point", .string(channel.channelPoint)),
                    ("peer", .string(channel.remotePubkey)),
                    ("phase", .string(channel.phase.rawValue)),
                    ("type", .string(channel.commitmentType.rawValue)),
                    ("capacity", .integer(channel.capacity)),
                    ("restored", .bool(channel.isRestored)),
                    ("closing_txid", channel.closingTxid.map { .string($0) } ?? .null),
                ])
            })),
            ("peers", .array(world.peers.map { peer in
                .object([
                    ("pubkey", .string(peer.pubkey)),
                    ("alias", .string(peer.alias)),
                    ("host", .string(peer.host)),
                    ("online", .bool(peer.online)),
                    ("silent", .bool(peer.silent)),
                    ("implementation", .string(peer.implementation)),
                    ("connected", .bool(connected[peer.pubkey] != nil)),
                    ("listening", .bool(peerListeners.listening.contains(peer.pubkey))),
                ])
            })),
            ("backup_file_channels", .array(fileBackupSet.sorted().map { .string($0) })),
            // The simulated chain's view, which lnd does not have before a spend is deep enough
            // (D3): drills wait on it to know a peer broadcast its close.
            ("funding_spends", .array(world.fundingOutputs.values.sorted { $0.channelPoint < $1.channelPoint }.compactMap { output in
                output.spendingTxid.map { txid in
                    .object([
                        ("channel_point", .string(output.channelPoint)), ("spending_txid", .string(txid)),
                        ("confirmations", .integer(output.spendConfirmedHeight.map { Int64(world.height) - Int64($0) + 1 } ?? 0)),
                    ])
                }
            })),
        ])
    }

    /// Forgets the node's data after its directory was deleted (the world stays).
    func forgetLocalData() {
        database = ChannelDatabase()
        fileBackupSet = []
    }
}

extension SimulatedNode {
    /// Bakes a macaroon for the control interface (needs an unlocked wallet, like lnd).
    public func bakeForControl(_ permissions: [MacaroonOperation]) throws -> [UInt8] {
        guard walletKey != nil else { throw ControlError("the wallet is \(walletState.name); unlock it to bake macaroons") }
        guard !permissions.isEmpty else { throw ControlError("give at least one permission") }
        return try bake(permissions, rootKeyID: SimulatedNode.defaultRootKeyID)
    }
}
