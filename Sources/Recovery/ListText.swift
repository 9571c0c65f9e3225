/// `casa-recover list` for people: one snapshot a row, newest first, and what to do next.
public enum ListText {
    public static func render(_ listing: SnapshotListing) -> String {
        let usable = listing.usable.count
        var head = "Account \(listing.account), \(listing.source): \(listing.entries.count) snapshot\(listing.entries.count == 1 ? "" : "s")"
            + " (\(usable) usable), newest first"
        if listing.entries.isEmpty { return head + "\nNothing to restore here." }
        var table = TextTable(headers: ["VERSION", "STORED (UTC)", "CHANNELS", "CAPACITY (sat)", "SIZE", "COUNTER", "STATUS"])
        let newest = listing.usable.first?.counter
        for entry in listing.entries {
            let s = SnapshotSummary(entry)
            var status = entry.opened == nil ? "damaged: \(s.problem ?? "?")" : (s.counter == newest ? "ok (newest)" : "ok")
            if !s.warnings.isEmpty { status += "; warning: " + s.warnings.joined(separator: "; ") }
            table.append([s.number.map(String.init) ?? "-", s.storedAt ?? "-", s.channels.map(String.init) ?? "-",
                          s.capacitySat.map(String.init) ?? "-", String(s.size), s.counter.map(String.init) ?? "-", status])
        }
        head += "\n\n" + table.render()
        if usable > 0 {
            head += "\n\nNext: `casa-recover fetch --output channel.backup` takes the newest; add --snapshot N for another."
        }
        return head
    }
}
