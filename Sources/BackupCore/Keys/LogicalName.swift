/// Logical names of the blobs we store (docs/design.md §4.4). They never leave the process:
/// the vault sees only their keyed hashes.
public enum LogicalName {
    /// lnd's Multi SCB (`channel.backup`), envelope payload kind 1.
    public static let multiChannelBackup = "scb/multi"
}
