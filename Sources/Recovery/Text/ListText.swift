import CommandLineSupport

/// `casa-recover list` for people: one snapshot copy a row, newest first, the branches when the
/// history forked, and what to do next.
public enum ListText {
    public static func render(_ listing: SnapshotListing) -> String {
        let usable = listing.usable.count
        var head = "Account \(listing.account), \(listing.source): \(listing.entries.count) snapshot\(listing.entries.count == 1 ? "" : "s")"
            + " (\(usable) usable), newest first"
        if listing.entries.isEmpty { return head + "\nNothing to restore here." }
        let newest = listing.newest?.identity
        let headsByIdentity = Dictionary(listing.branches.map { ($0.newest.identity, $0.number) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(headers: ["VERSION", "STORED (UTC)", "CHANNELS", "CAPACITY (sat)", "SIZE", "COUNTER", "WRITER", "STATUS"])
        for entry in listing.entries {
            let s = SnapshotSummary(entry)
            var status = "ok"
            if entry.opened == nil {
                status = "damaged: \(s.problem ?? "?")"
            } else if let identity = entry.opened?.identity, identity == newest {
                status = "ok (newest)"
            } else if let identity = entry.opened?.identity, let branch = headsByIdentity[identity] {
                status = "ok (newest of branch \(branch))"
            }
            if !s.warnings.isEmpty { status += "; warning: " + s.warnings.joined(separator: "; ") }
            table.append([entry.reference.label, s.storedAt ?? "-", s.channels.map(String.init) ?? "-",
                          s.capacitySat.map(String.init) ?? "-", String(s.size), s.counter.map(String.init) ?? "-",
                          s.writer.map { String($0.prefix(8)) } ?? "-", status])
        }
        head += "\n\n" + table.render()
        if !listing.warnings.isEmpty {
            head += "\n\nWarning:\n" + listing.warnings.map { "  " + $0 }.joined(separator: "\n")
        }
        if listing.branches.count > 1 {
            head += "\n\nNext: choose a branch, e.g. `casa-recover restore --branch 1`; nothing is restored until you choose."
        } else if usable > 0 {
            head += "\n\nNext: `casa-recover fetch --output channel.backup` takes the newest; add --snapshot N for another."
        }
        return head
    }
}
