import BackupCore

/// One head of the account's history (docs/envelope.md §9): the newest snapshot of one writer
/// that no later writer took over. A straight history has one; two writers at once make two.
public struct SnapshotBranch: Sendable {
    /// 1, 2, …: what `--branch` takes, highest counter first.
    public var number: Int
    /// nil for version 1 snapshots (written before casa recorded writers).
    public var writer: WriterID?
    public var newest: OpenedSnapshot
    /// How many snapshots this writer (or stretch) holds.
    public var snapshotCount: Int
    /// Every place the newest snapshot is stored ("vault v12", "snapshot-00000012.casa").
    public var copies: [String]

    /// "branch 2 (writer 1f2e3d4c…)" or "branch 1 (version 1 snapshots)".
    public var label: String {
        "branch \(number) (" + (writer.map { "writer \($0.hex)" } ?? "older snapshots without a writer") + ")"
    }

    /// One line for errors and `list`: its newest snapshot, channels and where it is.
    public var line: String {
        let channels = newest.inspection.channels.count
        return "\(label): newest counter \(newest.counter), \(channels) channel\(channels == 1 ? "" : "s"), "
            + "\(snapshotCount) snapshot\(snapshotCount == 1 ? "" : "s"), at \(copies.joined(separator: ", "))"
    }
}
