/// The snapshots of one writer (one run of one agent), or one stretch of version 1 snapshots
/// whose counters rise in store order (docs/envelope.md §9).
public struct HistoryRun<Item: Sendable>: Sendable {
    /// nil for version 1 snapshots.
    public var writer: WriterID?
    public var parent: WriterID?
    /// Oldest first, by counter.
    public var snapshots: [HistorySnapshot<Item>]

    public var lowestCounter: UInt64 { snapshots.first?.counter ?? 0 }
    public var highestCounter: UInt64 { snapshots.last?.counter ?? 0 }
    /// The run's newest snapshot: its highest counter.
    public var newest: HistorySnapshot<Item> { snapshots[snapshots.count - 1] }

    /// True when `later` took over from this run: it continued this run's history (it names
    /// this writer as its parent, or both are version 1), every counter of `later` is above
    /// this run's, and in every store that holds both, all of this run arrived before any of
    /// `later`. A writer that went on writing after another took over is not superseded: that
    /// is two writers at once, and the owner chooses.
    func isSuperseded(by later: HistoryRun<Item>) -> Bool {
        guard later.writer != writer || writer == nil else { return false }
        let continues = (writer != nil && later.parent == writer) || (writer == nil && later.parent == nil)
        guard continues, later.lowestCounter > highestCounter else { return false }
        let stores = Set(later.snapshots.flatMap { $0.positions.map(\.store) })
        for store in stores {
            let laterFirst = later.snapshots.compactMap { $0.firstOrder(in: store) }.min()
            let ownLast = snapshots.compactMap { $0.firstOrder(in: store) }.max()
            if let laterFirst, let ownLast, ownLast > laterFirst { return false }
        }
        return true
    }
}
