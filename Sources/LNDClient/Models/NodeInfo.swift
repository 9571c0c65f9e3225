/// GetInfoResponse: the fields a backup agent uses (the rest is ignored).
public struct NodeInfo: Decodable, Sendable {
    public struct Chain: Decodable, Sendable, Equatable {
        public let chain: String
        public let network: String

        enum CodingKeys: String, CodingKey { case chain, network }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            chain = try c.lndString(.chain)
            network = try c.lndString(.network)
        }
    }

    public let identityPubkey: String
    public let alias: String
    public let color: String
    public let version: String
    public let commitHash: String
    public let numPendingChannels: UInt32
    public let numActiveChannels: UInt32
    public let numInactiveChannels: UInt32
    public let numPeers: UInt32
    public let blockHeight: UInt32
    public let blockHash: String
    public let bestHeaderTimestamp: Int64
    public let syncedToChain: Bool
    public let syncedToGraph: Bool
    public let chains: [Chain]
    public let uris: [String]

    enum CodingKeys: String, CodingKey {
        case identityPubkey = "identity_pubkey", alias, color, version
        case commitHash = "commit_hash"
        case numPendingChannels = "num_pending_channels"
        case numActiveChannels = "num_active_channels"
        case numInactiveChannels = "num_inactive_channels"
        case numPeers = "num_peers"
        case blockHeight = "block_height"
        case blockHash = "block_hash"
        case bestHeaderTimestamp = "best_header_timestamp"
        case syncedToChain = "synced_to_chain"
        case syncedToGraph = "synced_to_graph"
        case chains, uris
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identityPubkey = try c.lndString(.identityPubkey)
        alias = try c.lndString(.alias)
        color = try c.lndString(.color)
        version = try c.lndString(.version)
        commitHash = try c.lndString(.commitHash)
        numPendingChannels = try c.lndUInt32(.numPendingChannels)
        numActiveChannels = try c.lndUInt32(.numActiveChannels)
        numInactiveChannels = try c.lndUInt32(.numInactiveChannels)
        numPeers = try c.lndUInt32(.numPeers)
        blockHeight = try c.lndUInt32(.blockHeight)
        blockHash = try c.lndString(.blockHash)
        bestHeaderTimestamp = try c.lndInt64(.bestHeaderTimestamp)
        syncedToChain = try c.lndBool(.syncedToChain)
        syncedToGraph = try c.lndBool(.syncedToGraph)
        chains = try c.lndArray(.chains)
        uris = try c.lndArray(.uris)
    }
}
