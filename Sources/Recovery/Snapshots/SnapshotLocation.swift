import BackupCore

/// Where `list`, `fetch`, `verify` and `restore` read snapshots.
public enum SnapshotLocation: Sendable {
    /// The vault, reached with the owner key (which only exists once the words are read).
    case vault(@Sendable (OwnerKey) throws -> any OwnerVault)
    /// A local folder or USB copy.
    case folder(String)
}
