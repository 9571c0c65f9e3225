public import BackupCore

/// What the agent reads of the account's history before it seals anything with new keys
/// (docs/agent.md "Continuing the history"): the vault's newest versions and the newest local
/// and USB copies, opened with the keys. Implemented over the vault and the local store
/// (`StoreHistorySurvey`); tests give their own stores.
public protocol HistorySurvey: Sendable {
    func survey(keys: AgentKeys) async -> HistorySurveyResult
}

/// The snapshots found, and what could not be read (the vault down, a damaged copy).
public struct HistorySurveyResult: Sendable {
    public var snapshots: [HistorySnapshot<String>]
    /// Identity of the local store's newest snapshot: the branch this agent continues when the
    /// history forked.
    public var localNewest: [UInt8]?
    public var problems: [String]

    public init(snapshots: [HistorySnapshot<String>] = [], localNewest: [UInt8]? = nil, problems: [String] = []) {
        self.snapshots = snapshots
        self.localNewest = localNewest
        self.problems = problems
    }
}
