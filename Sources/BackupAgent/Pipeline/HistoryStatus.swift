public import Foundation

/// How the agent continues the account's history (docs/agent.md "Continuing the history"),
/// decided when keys arrive: shown by `status` and the metrics.
public struct HistoryStatus: Sendable, Codable, Equatable {
    /// This run's writer ID (new at every start).
    public var writer: String
    /// The writer whose newest snapshot this run continued; nil when none was found.
    public var parent: String?
    /// The highest counter found anywhere; this run seals above it.
    public var highestCounterFound: UInt64
    /// How many snapshots were read (vault, local, USB).
    public var snapshotsRead: Int
    /// More than one writer wrote at once (a cloned disk, an old box brought back).
    public var forked: Bool
    public var checkedAt: Date
    /// What could not be read (the vault unreachable, …): the floor may be too low.
    public var problems: [String]

    enum CodingKeys: String, CodingKey {
        case writer, parent, forked, problems
        case highestCounterFound = "highest_counter_found"
        case snapshotsRead = "snapshots_read"
        case checkedAt = "checked_at"
    }
}
