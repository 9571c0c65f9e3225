/// Which snapshot `fetch`, `verify` and `restore` take (docs/recover-cli.md "Choosing a snapshot").
public enum SnapshotChoice: Sendable, Equatable {
    /// The newest of a straight history; refused when the history forked.
    case newest
    /// `--snapshot N`: a vault version or a local file's sequence.
    case number(UInt64)
    /// `--branch B`: the newest snapshot of one branch of a forked history, by its number in
    /// `list` (1, 2, …) or the first characters (4 or more) of its writer ID.
    case branch(String)

    public init(snapshot: UInt64?, branch: String?) {
        if let snapshot { self = .number(snapshot) } else if let branch { self = .branch(branch) } else { self = .newest }
    }
}
