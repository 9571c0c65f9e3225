/// Cumulative figures of a group commit, exported as metrics: the mean batch size
/// (items / batches) and commit time (commitSeconds / batches) say whether puts wait for the
/// disk or for the CPU (docs/vault-api.md "Group commit").
public struct GroupCommitStats: Sendable, Equatable {
    public var batches: Int
    public var items: Int
    public var commitSeconds: Double
}
