/// `casa-recover list --json`: `{"account":…,"source":…,"snapshots":[SnapshotSummary…]}`, newest first.
public struct ListReport: Codable, Sendable {
    public var account: String
    public var source: String
    public var snapshots: [SnapshotSummary]

    public init(_ listing: SnapshotListing) {
        account = listing.account
        source = listing.source
        snapshots = listing.entries.map(SnapshotSummary.init)
    }
}
