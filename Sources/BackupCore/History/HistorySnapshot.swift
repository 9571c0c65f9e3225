/// One snapshot as the history rules see it (docs/envelope.md §9): what the envelope
/// authenticates (counter, writer, parent) plus where its copies sit. `item` is the caller's.
public struct HistorySnapshot<Item: Sendable>: Sendable {
    /// SHA-256 of the envelope bytes: equal for the vault's, the local and the USB copy of one snapshot.
    public var identity: [UInt8]
    public var counter: UInt64
    /// nil for version 1 envelopes (written before casa recorded writers).
    public var lineage: SnapshotLineage?
    public var positions: [HistoryPosition]
    public var item: Item

    public init(identity: [UInt8], counter: UInt64, lineage: SnapshotLineage?, positions: [HistoryPosition], item: Item) {
        self.identity = identity
        self.counter = counter
        self.lineage = lineage
        self.positions = positions
        self.item = item
    }

    /// The first place each store put it (a later copy of the same bytes is a replay).
    func firstOrder(in store: String) -> UInt64? {
        positions.filter { $0.store == store }.map(\.order).min()
    }
}
