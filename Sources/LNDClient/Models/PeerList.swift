/// ListPeersResponse (`GET /v1/peers`): only the fields casa reads.
struct PeerList: Decodable {
    struct Peer: Decodable {
        let pubKey: String
        /// "host:port" of the connection.
        let address: String?
        enum CodingKeys: String, CodingKey {
            case pubKey = "pub_key"
            case address
        }
    }

    let peers: [Peer]

    enum CodingKeys: String, CodingKey { case peers }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        peers = try c.decodeIfPresent([Peer].self, forKey: .peers) ?? []
    }
}
