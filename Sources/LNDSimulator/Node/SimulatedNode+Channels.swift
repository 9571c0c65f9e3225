import BackupCore
import Foundation
import Logging
import Secp256k1
import SeedKit
import Sodium
import Codecs
import LightningTypes

/// Lightning RPCs about the node and its channels.
extension SimulatedNode {
    public func getInfo() -> JSONValue {
        let open = database.channels.filter { $0.phase == .open }
        let active = open.filter { connected[$0.remotePubkey] != nil }
        let pending = database.channels.filter { $0.phase == .pendingOpen }
        let pubkey = identityPubkeyHex
        return ProtoJSON.getInfo(
            pubkey: pubkey, alias: configuration.alias, pending: pending.count, active: active.count,
            inactive: open.count - active.count, peers: connected.count, height: world.height,
            network: configuration.network, uri: "\(pubkey)@127.0.0.1:9735", syncedToChain: isSyncedToChain)
    }

    public func listChannels(activeOnly: Bool, inactiveOnly: Bool, publicOnly: Bool, privateOnly: Bool, peer: [UInt8]) throws(RPCError) -> JSONValue {
        if activeOnly && inactiveOnly { throw .unknown("either `active_only` or `inactive_only` can be set, but not both") }
        if publicOnly && privateOnly { throw .unknown("either `public_only` or `private_only` can be set, but not both") }
        if !peer.isEmpty && peer.count != 33 { throw .unknown("invalid peer pubkey") }
        let peerHex = Hex.encode(peer)
        let channels = database.channels.filter { channel in
            guard channel.phase == .open, !channel.isRestored else { return false }
            let active = connected[channel.remotePubkey] != nil
            if activeOnly && !active { return false }
            if inactiveOnly && active { return false }
            if publicOnly && channel.isPrivate { return false }
            if privateOnly && !channel.isPrivate { return false }
            if !peer.isEmpty && channel.remotePubkey != peerHex { return false }
            return true
        }
        return .object([("channels", .array(channels.map { ProtoJSON.channel($0, active: connected[$0.remotePubkey] != nil) }))])
    }

    public func pendingChannels() -> JSONValue {
        let pendingOpen = database.channels.filter { $0.phase == .pendingOpen }
        let forceClosing = database.channels.filter { $0.phase == .pendingForceClose }
        let waitingClose = database.channels.filter { $0.phase == .waitingClose }
        let limbo = forceClosing.reduce(Int64(0)) { $0 + $1.localBalance } + waitingClose.reduce(Int64(0)) { $0 + $1.localBalance }
        return .object([
            ("total_limbo_balance", .int64(limbo)),
            ("pending_open_channels", .array(pendingOpen.map { ProtoJSON.pendingOpenChannel($0, height: world.height) })),
            ("pending_closing_channels", .array([])),
            ("pending_force_closing_channels", .array(forceClosing.map { ProtoJSON.forceClosedChannel($0, height: world.height) })),
            ("waiting_close_channels", .array(waitingClose.map { channel in
                let required = Int64(CloseConfirmations.required(capacity: channel.capacity))
                let confirmations = world.fundingOutputs[channel.channelPoint]?.spendConfirmedHeight.map { Int64(world.height) - Int64($0) + 1 } ?? 0
                return ProtoJSON.waitingCloseChannel(channel, blocksLeft: max(required - confirmations, 0))
            })),
        ])
    }

    /// CloseChannel (force or cooperative): `close_pending` now, `chan_close` at one confirmation.
    public func closeChannel(txid: String, outputIndex: UInt32, force: Bool, feeFieldsSet: Bool) throws(RPCError) -> MessageStream {
        if force && feeFieldsSet { throw .unknown("force closing a channel uses a pre-defined fee") }
        let point = "\(txid.lowercased()):\(outputIndex)"
        guard let index = database.index(of: point), database.channels[index].phase != .closed,
              database.channels[index].phase != .pendingForceClose else {
            throw .unknown("unable to find channel")
        }
        let channel = database.channels[index]
        if channel.isRestored { throw .unknown("cannot close channel with state: ChanStatusRestored") }
        if channel.phase == .waitingClose { throw .unknown("channel is already closing: \(channel.statusFlags)") }
        if channel.phase == .pendingOpen && !force { throw .unknown("cannot co-op close pending channel") }
        if !force && connected[channel.remotePubkey] == nil {
            throw .unknown("unable to gracefully close channel while peer is offline (try force closing it instead): channel link not found")
        }
        let kind: SimulatedChannel.CloseKind = force ? .localForce : .cooperative
        guard let closingTxid = broadcastClose(channelPoint: point, by: kind) else {
            throw .unknown("unable to find channel")
        }
        database.channels[index].phase = .waitingClose
        database.channels[index].closeKind = kind
        database.channels[index].closingTxid = closingTxid
        saveDatabase()
        let id = UUID()
        let (stream, continuation) = MessageStream.makeStream()
        streams.closes[id] = (point, continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.dropCloseStream(id) }
        }
        continuation.yield(ProtoJSON.closePending(txid: closingTxid, localCloseTx: force))
        return stream
    }

    private func dropCloseStream(_ id: UUID) { streams.closes[id] = nil }

    func finishCloseStreams(channelPoint: String, closingTxid: String, channel: SimulatedChannel) {
        for (id, entry) in streams.closes where entry.channelPoint == channelPoint {
            entry.continuation.yield(ProtoJSON.channelClose(txid: closingTxid, channel: channel))
            entry.continuation.finish()
            streams.closes[id] = nil
        }
    }

    /// Signer.DeriveSharedKey with lnd's argument checks (signrpc/signer_server.go).
    func deriveSharedKey(_ request: JSONInput) throws(RPCError) -> JSONValue {
        let keys = try requireKeys()
        let ephemeral = try request.bytes("ephemeral_pubkey")
        guard ephemeral.count == 33 else { throw .unknown("ephemeral pubkey must be serialized in compressed format") }
        let point: PublicKey
        do { point = try PublicKey(bytes: ephemeral) } catch { throw .unknown("unable to parse pubkey: \(error)") }
        let keyDescriptor = try request.object("key_desc")
        let deprecatedLocator = try request.object("key_loc")
        if keyDescriptor != nil && deprecatedLocator != nil { throw .unknown("use either key_desc or key_loc") }
        var locatorInput = deprecatedLocator
        var rawKey: [UInt8] = []
        if let keyDescriptor {
            guard let inner = try keyDescriptor.object("key_loc") else {
                throw .unknown("when setting key_desc the field key_desc.key_loc must also be set")
            }
            locatorInput = inner
            rawKey = try keyDescriptor.bytes("raw_key_bytes")
        }
        var locator = KeyLocator.nodeIdentity
        if let locatorInput {
            locator = KeyLocator(family: UInt32(bitPattern: try locatorInput.int32("key_family")),
                                 index: UInt32(bitPattern: try locatorInput.int32("key_index")))
        }
        if !rawKey.isEmpty && locator.index != 0 { throw .unknown("use either raw_key_bytes or key_index") }
        do {
            if !rawKey.isEmpty {
                guard (try? PublicKey(bytes: rawKey)) != nil else { throw RPCError.unknown("error in raw pubkey: malformed public key") }
                guard try keys.privateKey(locator).publicKey.compressed == rawKey else {
                    throw RPCError.unknown("unable to derive shared key: no private key for the given raw key in family \(locator.family)")
                }
            }
            let shared = try keys.sharedKey(locator: locator, point: point)
            return .object([("shared_key", .bytes(shared.unsafeCopy()))])
        } catch let error as RPCError {
            throw error
        } catch {
            throw .unknown("unable to derive shared key: \(error)")
        }
    }
}
