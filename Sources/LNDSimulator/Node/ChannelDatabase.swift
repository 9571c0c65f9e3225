import Foundation

/// The simulator's `channel.db`: channels (open, pending, closing, closed and restored shells)
/// and the addresses the node knows for each peer (lnd's link nodes), used for reconnection
/// and written into every Single.
struct ChannelDatabase: Codable {
    var channels: [SimulatedChannel] = []
    var knownAddresses: [String: [String]] = [:]
    var nextKeyIndex: UInt32 = 0
    /// Channels whose Singles this node writes in a version casa does not know (`FutureSingle`);
    /// optional so that older channel.db files still load.
    var futureSingleChannels: Set<String>?
    /// Whether gossip has filled the graph: a fresh node's graph is empty until it connected to
    /// a peer and synced (D5). Optional so that older channel.db files still load.
    var graphSynced: Bool?
    /// The height the wallet last synced to (lnd keeps it in wallet.db): the next start rescans
    /// only from there (D8). Optional so that older channel.db files still load.
    var walletSyncedHeight: UInt32?
    /// In memory only, per process (lnd's connection manager, not its database): the addresses
    /// a peer may be dialled at when they are fewer than the link node's. A restore queues the
    /// first usable address only (D4, chanrestore.go:348-377); a restart dials them all.
    var dialOnly: [String: Set<String>] = [:]

    enum CodingKeys: String, CodingKey {
        case channels, knownAddresses, nextKeyIndex, futureSingleChannels, graphSynced, walletSyncedHeight
    }

    static func load(_ url: URL) throws -> ChannelDatabase {
        guard let bytes = PosixFile.read(url) else { return ChannelDatabase() }
        return try JSONDecoder().decode(ChannelDatabase.self, from: Data(bytes))
    }

    func save(_ url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try PosixFile.writeAtomically(Array(try encoder.encode(self)), to: url)
    }

    func index(of channelPoint: String) -> Int? { channels.firstIndex { $0.channelPoint == channelPoint } }

    mutating func learnAddress(_ host: String, for pubkey: String) {
        var list = knownAddresses[pubkey] ?? []
        if !list.contains(host) { list.append(host) }
        knownAddresses[pubkey] = list
    }
}
