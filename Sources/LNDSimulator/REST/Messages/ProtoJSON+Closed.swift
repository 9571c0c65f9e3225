import SeedKit
import LightningTypes

extension ProtoJSON {
    /// ClosedChannels' ChannelCloseSummary (lnd rpcserver.go createRPCClosedChannel).
    static func closedChannel(_ channel: SimulatedChannel, network: BitcoinNetwork) -> JSONValue {
        let kind = channel.closeKind ?? .remoteForce
        let closeType: String
        let closeInitiator: String
        switch kind {
        case .cooperative: (closeType, closeInitiator) = ("COOPERATIVE_CLOSE", "INITIATOR_REMOTE")
        case .localForce: (closeType, closeInitiator) = ("LOCAL_FORCE_CLOSE", "INITIATOR_LOCAL")
        case .remoteForce: (closeType, closeInitiator) = ("REMOTE_FORCE_CLOSE", "INITIATOR_REMOTE")
        }
        // A restored shell never knew who opened it.
        let openInitiator = channel.isRestored ? "INITIATOR_UNKNOWN" : (channel.initiator ? "INITIATOR_LOCAL" : "INITIATOR_REMOTE")
        let genesisDisplay = stride(from: network.genesisHashInternalHex.count - 2, through: 0, by: -2).map { offset -> String in
            let start = network.genesisHashInternalHex.index(network.genesisHashInternalHex.startIndex, offsetBy: offset)
            return String(network.genesisHashInternalHex[start..<network.genesisHashInternalHex.index(start, offsetBy: 2)])
        }.joined()
        return .object([
            ("channel_point", .string(channel.channelPoint)),
            ("chan_id", .uint64(channel.shortChannelID)),
            ("chain_hash", .string(genesisDisplay)),
            ("closing_tx_hash", .string(channel.closingTxid ?? "")),
            ("remote_pubkey", .string(channel.remotePubkey)),
            ("capacity", .int64(channel.capacity)),
            ("close_height", .uint32(channel.closeConfirmHeight ?? 0)),
            ("settled_balance", .int64(channel.localBalance)),
            ("time_locked_balance", .int64(0)),
            ("close_type", .string(closeType)),
            ("open_initiator", .string(openInitiator)),
            ("close_initiator", .string(closeInitiator)),
            ("resolutions", .array([])),
            ("alias_scids", .array([])),
            ("zero_conf_confirmed_scid", .uint64(0)),
            ("custom_channel_data", .bytes([])),
        ])
    }
}
