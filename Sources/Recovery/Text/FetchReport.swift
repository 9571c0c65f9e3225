import BackupCore

/// `casa-recover fetch --json` / `verify --json`: the snapshot, where it was written (null for
/// verify) and its channels (the same objects as `inspect --json`).
public struct FetchReport: Codable, Sendable {
    public var account: String
    public var source: String
    public var snapshot: SnapshotSummary
    public var output: String?
    public var kind: BackupKind
    public var channels: [ChannelSummary]

    public init(listing: SnapshotListing, snapshot: OpenedSnapshot, output: String?) {
        account = listing.account
        source = listing.source
        self.snapshot = SnapshotSummary(snapshot)
        self.output = output
        kind = snapshot.inspection.kind
        channels = snapshot.inspection.summaries
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(account, forKey: .account)
        try c.encode(source, forKey: .source)
        try c.encode(snapshot, forKey: .snapshot)
        try c.encode(output, forKey: .output)
        try c.encode(kind, forKey: .kind)
        try c.encode(channels, forKey: .channels)
    }
}
