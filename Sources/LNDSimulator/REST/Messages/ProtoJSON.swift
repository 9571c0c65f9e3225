import Foundation
import SeedKit
import Sodium
import Codecs
import LightningTypes

/// lnd's response messages as protojson prints them (UseProtoNames, EmitUnpopulated): every
/// non-oneof field in declaration order, zero values included, 64-bit integers as strings,
/// bytes as base64, enums by name.
enum ProtoJSON {
    static let version = "0.21.2-beta commit=lnd-sim"
    static let commitHash = "90ea05d5a4b2b0c4d6e8f0a1b3c5d7e9f1a3b5c7"

    static func channelPoint(txidInternal: [UInt8], outputIndex: UInt32) -> JSONValue {
        .object([("funding_txid_bytes", .bytes(txidInternal)), ("output_index", .uint32(outputIndex))])
    }

    static func internalBytes(displayTxid: String) -> [UInt8] {
        (Hex.decode(displayTxid) ?? []).reversed()
    }

    static let features: JSONValue = .object([
        ("0", feature("data-loss-protect", required: true)),
        ("5", feature("upfront-shutdown-script", required: false)),
        ("7", feature("gossip-queries", required: false)),
        ("9", feature("tlv-onion", required: false)),
        ("12", feature("static-remote-key", required: true)),
        ("14", feature("payment-addr", required: true)),
        ("17", feature("multi-path-payments", required: false)),
        ("23", feature("anchors-zero-fee-htlc-tx", required: false)),
        ("27", feature("shutdown-any-segwit", required: false)),
        ("45", feature("explicit-commitment-type", required: false)),
    ])

    static func feature(_ name: String, required: Bool) -> JSONValue {
        .object([("name", .string(name)), ("is_required", .bool(required)), ("is_known", .bool(true))])
    }

    static func getInfo(
        pubkey: String, alias: String, pending: Int, active: Int, inactive: Int, peers: Int, height: UInt32,
        network: BitcoinNetwork, uri: String, syncedToChain: Bool = true
    ) -> JSONValue {
        .object([
            ("version", .string(version)),
            ("commit_hash", .string(commitHash)),
            ("identity_pubkey", .string(pubkey)),
            ("alias", .string(alias)),
            ("color", .string("#3399ff")),
            ("num_pending_channels", .integer(Int64(pending))),
            ("num_active_channels", .integer(Int64(active))),
            ("num_inactive_channels", .integer(Int64(inactive))),
            ("num_peers", .integer(Int64(peers))),
            ("block_height", .uint32(height)),
            ("block_hash", .string(Hex.encode(SHA256.hash(Array("block \(height)".utf8)).reversed()))),
            ("best_header_timestamp", .int64(Int64(Date().timeIntervalSince1970))),
            ("synced_to_chain", .bool(syncedToChain)),
            ("synced_to_graph", .bool(true)),
            ("testnet", .bool(network == .testnet || network == .testnet4)),
            ("chains", .array([.object([("chain", .string("bitcoin")), ("network", .string(network.rawValue))])])),
            ("uris", .array([.string(uri)])),
            ("features", features),
            ("require_htlc_interceptor", .bool(false)),
            ("store_final_htlc_resolutions", .bool(false)),
            ("wallet_synced", .bool(true)),
            ("graph_cache_status", .string("GRAPH_CACHE_STATUS_LOADED")),
        ])
    }

    static func constraints(csvDelay: UInt16, capacity: Int64) -> JSONValue {
        .object([
            ("csv_delay", .integer(Int64(csvDelay))),
            ("chan_reserve_sat", .uint64(UInt64(max(capacity / 100, 354)))),
            ("dust_limit_sat", .uint64(354)),
            ("max_pending_amt_msat", .uint64(UInt64(capacity) * 990)),
            ("min_htlc_msat", .uint64(1)),
            ("max_accepted_htlcs", .integer(483)),
        ])
    }

    static func channel(_ channel: SimulatedChannel, active: Bool) -> JSONValue {
        let reserve = Int64(max(channel.capacity / 100, 354))
        return .object([
            ("active", .bool(active)),
            ("remote_pubkey", .string(channel.remotePubkey)),
            ("channel_point", .string(channel.channelPoint)),
            ("chan_id", .uint64(channel.shortChannelID)),
            ("capacity", .int64(channel.capacity)),
            ("local_balance", .int64(channel.localBalance)),
            ("remote_balance", .int64(channel.remoteBalance)),
            ("commit_fee", .int64(channel.initiator ? 2_810 : 0)),
            ("commit_weight", .int64(772)),
            ("fee_per_kw", .int64(2_500)),
            ("unsettled_balance", .int64(0)),
            ("total_satoshis_sent", .int64(0)),
            ("total_satoshis_received", .int64(0)),
            ("num_updates", .uint64(channel.commitHeight)),
            ("pending_htlcs", .array([])),
            ("csv_delay", .integer(Int64(channel.localCSVDelay))),
            ("private", .bool(channel.isPrivate)),
            ("initiator", .bool(channel.initiator)),
            ("chan_status_flags", .string(channel.statusFlags)),
            ("local_chan_reserve_sat", .int64(reserve)),
            ("remote_chan_reserve_sat", .int64(reserve)),
            ("static_remote_key", .bool(channel.commitmentType != .legacy)),
            ("commitment_type", .string(channel.commitmentType.rpcName)),
            ("lifetime", .int64(0)),
            ("uptime", .int64(0)),
            ("close_address", .string("")),
            ("push_amount_sat", .uint64(0)),
            ("thaw_height", .integer(0)),
            ("local_constraints", constraints(csvDelay: channel.localCSVDelay, capacity: channel.capacity)),
            ("remote_constraints", constraints(csvDelay: channel.remoteCSVDelay, capacity: channel.capacity)),
            ("alias_scids", .array([])),
            ("zero_conf", .bool(false)),
            ("zero_conf_confirmed_scid", .uint64(0)),
            ("peer_alias", .string("")),
            ("peer_scid_alias", .uint64(0)),
            ("memo", .string("")),
            ("custom_channel_data", .bytes([])),
        ])
    }

    static func pendingChannel(_ channel: SimulatedChannel) -> JSONValue {
        let reserve: Int64 = channel.isRestored ? 0 : Int64(max(channel.capacity / 100, 354))
        return .object([
            ("remote_node_pub", .string(channel.remotePubkey)),
            ("channel_point", .string(channel.channelPoint)),
            ("capacity", .int64(channel.capacity)),
            ("local_balance", .int64(channel.localBalance)),
            ("remote_balance", .int64(channel.remoteBalance)),
            ("local_chan_reserve_sat", .int64(reserve)),
            ("remote_chan_reserve_sat", .int64(reserve)),
            ("initiator", .string(channel.initiator ? "INITIATOR_LOCAL" : "INITIATOR_REMOTE")),
            ("commitment_type", .string(channel.commitmentType.rpcName)),
            ("num_forwarding_packages", .int64(0)),
            ("chan_status_flags", .string(channel.statusFlags)),
            ("private", .bool(channel.isPrivate)),
            ("memo", .string("")),
            ("custom_channel_data", .bytes([])),
        ])
    }

    static func pendingOpenChannel(_ channel: SimulatedChannel, height: UInt32) -> JSONValue {
        .object([
            ("channel", pendingChannel(channel)),
            ("commit_fee", .int64(channel.initiator ? 2_810 : 0)),
            ("commit_weight", .int64(772)),
            ("fee_per_kw", .int64(2_500)),
            ("funding_expiry_blocks", .integer(Int64(2016) - Int64(height - min(height, channel.broadcastHeight)))),
            ("confirmations_until_active", .integer(1)),
            ("confirmation_height", .integer(0)),
        ])
    }

    /// - Parameter blocksLeft: blocks until lnd acts on the close (0 once it is deep enough).
    static func waitingCloseChannel(_ channel: SimulatedChannel, blocksLeft: Int64) -> JSONValue {
        let closing = channel.closingTxid ?? ""
        let localTxid = channel.closeKind == .localForce ? closing : ""
        let remoteTxid = channel.closeKind == .remoteForce ? closing : ""
        return .object([
            ("channel", pendingChannel(channel)),
            ("limbo_balance", .int64(channel.localBalance)),
            ("commitments", .object([
                ("local_txid", .string(localTxid)),
                ("remote_txid", .string(remoteTxid)),
                ("remote_pending_txid", .string("")),
                ("local_commit_fee_sat", .uint64(channel.isRestored ? 0 : 2_810)),
                ("remote_commit_fee_sat", .uint64(channel.isRestored ? 0 : 2_810)),
                ("remote_pending_commit_fee_sat", .uint64(0)),
            ])),
            ("closing_txid", .string(closing)),
            ("closing_tx_hex", .string("")),
            ("blocks_til_close_confirmed", .integer(blocksLeft)),
            ("close_height", .integer(0)),
        ])
    }

    static func forceClosedChannel(_ channel: SimulatedChannel, height: UInt32) -> JSONValue {
        // Our commitment matures after its CSV delay; on the peer's, our output is swept in the
        // block after lnd acted on the close.
        let delay = channel.closeKind == .localForce ? UInt32(channel.localCSVDelay) : CloseConfirmations.required(capacity: channel.capacity)
        let maturity = (channel.closeConfirmHeight ?? height) + delay
        return .object([
            ("channel", pendingChannel(channel)),
            ("closing_txid", .string(channel.closingTxid ?? "")),
            ("limbo_balance", .int64(channel.localBalance)),
            ("maturity_height", .uint32(maturity)),
            ("blocks_til_maturity", .integer(Int64(maturity) - Int64(height))),
            ("recovered_balance", .int64(0)),
            ("pending_htlcs", .array([])),
            ("anchor", .string("LIMBO")),
        ])
    }

    /// CloseStatusUpdate with its oneof member `close_pending`.
    static func closePending(txid: String, localCloseTx: Bool) -> JSONValue {
        .object([("close_pending", .object([
            ("txid", .bytes(internalBytes(displayTxid: txid))),
            ("output_index", .integer(0)),
            ("fee_per_vbyte", .int64(0)),
            ("local_close_tx", .bool(localCloseTx)),
        ]))])
    }

    /// CloseStatusUpdate with its oneof member `chan_close`.
    static func channelClose(txid: String, channel: SimulatedChannel) -> JSONValue {
        func output(_ amount: Int64, local: Bool) -> JSONValue {
            .object([
                ("amount_sat", .int64(amount)),
                ("pk_script", .bytes([0x00, 0x14] + Array(SHA256.hash(Array("\(channel.channelPoint) \(local)".utf8)).prefix(20)))),
                ("is_local", .bool(local)),
                ("custom_channel_data", .bytes([])),
            ])
        }
        return .object([("chan_close", .object([
            ("closing_txid", .bytes(internalBytes(displayTxid: txid))),
            ("success", .bool(true)),
            ("local_close_output", output(channel.localBalance, local: true)),
            ("remote_close_output", output(channel.remoteBalance, local: false)),
            ("additional_outputs", .array([])),
        ]))])
    }

    static func peer(pubkey: String, address: String) -> JSONValue {
        .object([
            ("pub_key", .string(pubkey)),
            ("address", .string(address)),
            ("bytes_sent", .uint64(0)),
            ("bytes_recv", .uint64(0)),
            ("sat_sent", .int64(0)),
            ("sat_recv", .int64(0)),
            ("inbound", .bool(false)),
            ("ping_time", .int64(0)),
            ("sync_type", .string("ACTIVE_SYNC")),
            ("features", features),
            ("errors", .array([])),
            ("flap_count", .integer(0)),
            ("last_flap_ns", .int64(0)),
            ("last_ping_payload", .bytes([])),
        ])
    }

    static func nodeInfo(pubkey: String, alias: String, addresses: [String], lastUpdate: UInt32, numChannels: UInt32, totalCapacity: Int64) -> JSONValue {
        .object([
            ("node", .object([
                ("last_update", .uint32(lastUpdate)),
                ("pub_key", .string(pubkey)),
                ("alias", .string(alias)),
                ("addresses", .array(addresses.map { .object([("network", .string("tcp")), ("addr", .string($0))]) })),
                ("color", .string("#3399ff")),
                ("features", features),
                ("custom_records", .object([])),
            ])),
            ("num_channels", .uint32(numChannels)),
            ("total_capacity", .int64(totalCapacity)),
            ("channels", .array([])),
        ])
    }
}
