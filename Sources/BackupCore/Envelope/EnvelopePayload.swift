/// The typed record inside an envelope (docs/envelope.md §4).
public struct EnvelopePayload: Hashable, Sendable {
    public var kind: PayloadKind
    /// Seconds since the Unix epoch on the writer's clock. Informational: order by the counter.
    public var createdAt: UInt64
    public var bytes: [UInt8]

    public init(kind: PayloadKind, createdAt: UInt64, bytes: [UInt8]) {
        self.kind = kind
        self.createdAt = createdAt
        self.bytes = bytes
    }
}
