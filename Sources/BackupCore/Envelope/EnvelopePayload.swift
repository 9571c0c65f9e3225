/// The typed record inside an envelope (docs/envelope.md §4).
public struct EnvelopePayload: Hashable, Sendable {
    public var kind: PayloadKind
    /// Seconds since the Unix epoch on the writer's clock. Informational: order by the counter.
    public var createdAt: UInt64
    public var bytes: [UInt8]
    /// Who wrote it and whose history it continues: sealed as a version 2 envelope; nil for
    /// version 1 (written before casa recorded writers).
    public var lineage: SnapshotLineage?

    public init(kind: PayloadKind, createdAt: UInt64, bytes: [UInt8], lineage: SnapshotLineage? = nil) {
        self.kind = kind
        self.createdAt = createdAt
        self.bytes = bytes
        self.lineage = lineage
    }

    /// The envelope format version that carries this payload.
    var formatVersion: UInt8 { lineage == nil ? 1 : 2 }
}
