/// GetNodeInfo (`GET /v1/graph/node/{pub_key}`): a node's announced addresses, used to reach a
/// peer whose address changed since the backup was made (docs/lnd.md §3.3, restore step 2).
public struct GraphNode: Decodable, Sendable {
    public struct Address: Decodable, Sendable, Equatable {
        public let network: String
        public let addr: String

        enum CodingKeys: String, CodingKey { case network, addr }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            network = try c.lndString(.network)
            addr = try c.lndString(.addr)
        }
    }

    public let pubKey: String
    public let alias: String
    public let lastUpdate: UInt32
    public let addresses: [Address]
    public let numChannels: UInt32
    public let totalCapacity: Int64

    enum OuterKeys: String, CodingKey {
        case node
        case numChannels = "num_channels"
        case totalCapacity = "total_capacity"
    }

    enum NodeKeys: String, CodingKey {
        case pubKey = "pub_key", alias, addresses
        case lastUpdate = "last_update"
    }

    public init(from decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: OuterKeys.self)
        numChannels = try outer.lndUInt32(.numChannels)
        totalCapacity = try outer.lndInt64(.totalCapacity)
        guard outer.contains(.node) else {
            throw DecodingError.keyNotFound(OuterKeys.node, .init(codingPath: decoder.codingPath, debugDescription: "NodeInfo without node"))
        }
        let node = try outer.nestedContainer(keyedBy: NodeKeys.self, forKey: .node)
        pubKey = try node.lndString(.pubKey)
        alias = try node.lndString(.alias)
        lastUpdate = try node.lndUInt32(.lastUpdate)
        addresses = try node.lndArray(.addresses)
    }
}
