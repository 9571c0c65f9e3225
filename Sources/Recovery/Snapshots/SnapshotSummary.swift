import BackupCore
import Foundation
import SeedKit
import LightningTypes

/// One snapshot in `list --json` and `fetch`/`verify --json` (docs/recover-cli.md).
public struct SnapshotSummary: Codable, Sendable, Equatable {
    /// Vault version or local file sequence: what `--version` selects.
    public var number: UInt64?
    public var source: String
    /// ISO 8601 UTC: when the store committed it (or the agent wrote the file).
    public var storedAt: String?
    /// ISO 8601 UTC: when the agent sealed it (node clock).
    public var createdAt: String?
    /// The authenticated counter (docs/envelope.md §9 says how it orders snapshots).
    public var counter: UInt64?
    /// The writer that sealed it and the writer whose history it continued (hex); null for
    /// version 1 envelopes and for a writer that found no history.
    public var writer: String?
    public var parent: String?
    public var network: String?
    public var channels: Int?
    public var capacitySat: UInt64?
    public var size: Int
    /// "ok" or "damaged".
    public var status: String
    public var problem: String?
    public var warnings: [String]

    public init(_ entry: SnapshotEntry) {
        number = entry.reference.number
        source = entry.reference.label
        storedAt = entry.reference.storedAt.map(Self.iso)
        createdAt = entry.opened.map { Self.iso($0.createdAt) }
        counter = entry.opened?.counter
        writer = entry.opened?.lineage?.writer.hex
        parent = entry.opened?.lineage?.parent?.hex
        network = entry.opened?.inspection.network.rawValue
        // Every channel, including Singles of a version this casa does not know (H2).
        channels = entry.opened?.inspection.channelCount
        capacitySat = entry.opened.map { $0.inspection.summaries.reduce(UInt64(0)) { $0 + $1.capacitySat } }
        size = entry.reference.size
        status = entry.opened == nil ? "damaged" : "ok"
        problem = entry.problem
        warnings = entry.warnings
    }

    public init(_ opened: OpenedSnapshot) {
        self.init(SnapshotEntry(reference: opened.reference, opened: opened))
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    enum CodingKeys: String, CodingKey {
        case number, source, counter, writer, parent, network, channels, size, status, problem, warnings
        case storedAt = "stored_at"
        case createdAt = "created_at"
        case capacitySat = "capacity_sat"
    }

    /// Every key, nulls included, so scripts see a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(source, forKey: .source)
        try c.encode(storedAt, forKey: .storedAt)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(counter, forKey: .counter)
        try c.encode(writer, forKey: .writer)
        try c.encode(parent, forKey: .parent)
        try c.encode(network, forKey: .network)
        try c.encode(channels, forKey: .channels)
        try c.encode(capacitySat, forKey: .capacitySat)
        try c.encode(size, forKey: .size)
        try c.encode(status, forKey: .status)
        try c.encode(problem, forKey: .problem)
        try c.encode(warnings, forKey: .warnings)
    }
}
