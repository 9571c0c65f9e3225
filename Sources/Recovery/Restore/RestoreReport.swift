/// `casa-recover restore --json`: the node, the snapshot, and one entry per channel.
public struct RestoreReport: Codable, Sendable {
    public var nodePubkey: String
    public var snapshot: SnapshotSummary
    public var walletCreated: Bool
    /// Channels lnd accepted in this run.
    public var restoredNow: Int
    /// True when every channel is closing or already present: nothing left to do but wait.
    public var complete: Bool
    public var channels: [ChannelRestoreResult]

    enum CodingKeys: String, CodingKey {
        case nodePubkey = "node_pubkey"
        case snapshot
        case walletCreated = "wallet_created"
        case restoredNow = "restored_now"
        case complete
        case channels
    }
}
