/// `fetch` / `verify` for people: which snapshot, where it went, then inspect's channel table.
public enum FetchText {
    public static func render(_ snapshot: OpenedSnapshot, output: String?) -> String {
        let s = SnapshotSummary(snapshot)
        var lines = ["Snapshot \(s.source) (counter \(s.counter ?? 0), sealed \(s.createdAt ?? "?")): opened with your words; lnd's backup is intact."]
        if let output {
            lines.append("Wrote \(output) (\(snapshot.lndBackup.count) bytes, lnd's own encrypted channel.backup).")
        }
        lines.append("")
        lines.append(InspectText.render(snapshot.inspection))
        return lines.joined(separator: "\n")
    }
}
