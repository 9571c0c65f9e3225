/// The restore's progress, persisted after every step so that a crash or Ctrl-C resumes where it
/// stopped (docs/recover-cli.md, "restore").
public struct RestoreState: Codable, Sendable, Equatable {
    public var version = 1
    /// The node the words give; a state file of another node is refused.
    public var nodePubkey: String
    /// The snapshot's envelope counter this restore uses.
    public var snapshotCounter: UInt64
    public var walletCreated = false
    /// By channel point.
    public var channels: [String: ChannelProgress] = [:]

    public init(nodePubkey: String, snapshotCounter: UInt64) {
        self.nodePubkey = nodePubkey
        self.snapshotCounter = snapshotCounter
    }
}
