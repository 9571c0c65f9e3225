/// Everything outside the node: the peers and the chain (block height, funding outputs and
/// their spends). It survives the node losing its data, so a restore meets peers that still
/// hold the channels, as in reality.
public struct SimulatedWorld: Codable, Sendable {
    public struct FundingOutput: Codable, Sendable, Equatable {
        public var channelPoint: String
        public var peer: String
        public var capacity: Int64
        /// Height of the block that confirmed the funding transaction.
        public var confirmedHeight: UInt32?
        public var spendingTxid: String?
        public var spentBy: SimulatedChannel.CloseKind?
        public var spendConfirmedHeight: UInt32?

        var isUnspent: Bool { spendingTxid == nil }
    }

    public var height: UInt32 = 500
    public var peers: [RemoteNode] = []
    public var fundingOutputs: [String: FundingOutput] = [:]
    public var nextPeerPort: Int = 19_735

    public init() {}

    func peer(_ pubkey: String) -> RemoteNode? { peers.first { $0.pubkey == pubkey } }

    mutating func updatePeer(_ pubkey: String, _ change: (inout RemoteNode) -> Void) -> Bool {
        guard let index = peers.firstIndex(where: { $0.pubkey == pubkey }) else { return false }
        change(&peers[index])
        return true
    }

    /// Finds a peer by pubkey, alias or unique pubkey prefix (for the control interface).
    func resolvePeer(_ reference: String) -> RemoteNode? {
        if let exact = peers.first(where: { $0.pubkey == reference || $0.alias == reference }) { return exact }
        let matches = peers.filter { $0.pubkey.hasPrefix(reference.lowercased()) }
        return matches.count == 1 ? matches[0] : nil
    }
}
