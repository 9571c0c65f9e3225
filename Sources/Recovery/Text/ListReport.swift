import BackupCore

/// `casa-recover list --json` (docs/recover-cli.md): `{"account":…,"source":…,"forked":false,
/// "branches":[…],"warnings":[…],"snapshots":[SnapshotSummary…]}`, snapshots newest first.
public struct ListReport: Codable, Sendable {
    public var account: String
    public var source: String
    /// True when the history has more than one branch: `--branch` or `--snapshot` must choose.
    public var forked: Bool
    public var branches: [Branch]
    public var warnings: [String]
    public var snapshots: [SnapshotSummary]

    /// One head of the history (`SnapshotBranch`).
    public struct Branch: Codable, Sendable {
        public var number: Int
        public var writer: String?
        public var counter: UInt64
        public var channels: Int
        public var snapshots: Int
        public var copies: [String]
    }

    public init(_ listing: SnapshotListing) {
        account = listing.account
        source = listing.source
        forked = listing.branches.count > 1
        branches = listing.branches.map {
            Branch(number: $0.number, writer: $0.writer?.hex, counter: $0.newest.counter,
                   channels: $0.newest.inspection.channels.count, snapshots: $0.snapshotCount, copies: $0.copies)
        }
        warnings = listing.warnings
        snapshots = listing.entries.map(SnapshotSummary.init)
    }

    enum CodingKeys: String, CodingKey {
        case account, source, forked, branches, warnings, snapshots
    }

    /// Every key, nulls included, so scripts see a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(account, forKey: .account)
        try c.encode(source, forKey: .source)
        try c.encode(forked, forKey: .forked)
        try c.encode(branches, forKey: .branches)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(snapshots, forKey: .snapshots)
    }
}
