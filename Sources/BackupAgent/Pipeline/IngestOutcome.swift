/// What the pipeline did with one lnd Multi.
public enum IngestOutcome: Sendable, Hashable {
    /// A new snapshot was sealed and stored durably, and queued for the vault.
    case saved(AgentSnapshotInfo)
    /// The decrypted Multi equals the newest stored one: nothing to do.
    case unchanged(AgentSnapshotInfo)
    /// No keys yet (lnd locked or unreachable): lnd's encrypted file was kept locally, to be
    /// sealed as soon as the keys can be derived.
    case deferred
}

/// Where a Multi came from (for logs and metrics).
public enum SnapshotOrigin: String, Sendable {
    case export
    case subscription
    case file
    case checkpoint
}
