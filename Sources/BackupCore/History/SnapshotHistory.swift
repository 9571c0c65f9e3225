/// The one rule for "newest" (docs/envelope.md §9), used by `casa-recover` (list, fetch, verify,
/// restore) and by the agent when it starts: snapshots from every store are merged by identity,
/// grouped into runs of one writer, and every run that another run took over is set aside. What
/// is left are the heads: one head is a straight history and its newest snapshot is the newest;
/// several heads mean two writers wrote at once (a cloned disk, an old box brought back, or
/// counters that restarted before casa recorded writers), and only the owner can choose.
public struct SnapshotHistory<Item: Sendable>: Sendable {
    /// Every run, oldest first (by lowest counter).
    public let runs: [HistoryRun<Item>]
    /// The runs no other run took over, newest snapshot first (highest counter first).
    public let heads: [HistoryRun<Item>]
    /// Snapshots whose bytes a store holds more than once: the later copies were served again
    /// as new (a replay); they never count as newer.
    public let replays: [(snapshot: HistorySnapshot<Item>, positions: [HistoryPosition])]

    /// Merges the copies (same identity) first, keeping every position and the first item.
    public init(_ snapshots: [HistorySnapshot<Item>]) {
        var merged: [HistorySnapshot<Item>] = []
        var index: [[UInt8]: Int] = [:]
        for snapshot in snapshots {
            if let at = index[snapshot.identity] {
                merged[at].positions += snapshot.positions
            } else {
                index[snapshot.identity] = merged.count
                merged.append(snapshot)
            }
        }
        replays = merged.compactMap { snapshot in
            let stores = Dictionary(grouping: snapshot.positions, by: \.store)
            let later = stores.values.flatMap { $0.sorted { $0.order < $1.order }.dropFirst() }
            return later.isEmpty ? nil : (snapshot, later.sorted { $0.order < $1.order })
        }
        let runs = Self.runs(merged)
        self.runs = runs
        heads = runs.filter { run in !runs.contains { run.isSuperseded(by: $0) } }
            .sorted { a, b in
                a.highestCounter != b.highestCounter
                    ? a.highestCounter > b.highestCounter : a.newest.identity.lexicographicallyPrecedes(b.newest.identity)
            }
    }

    /// True when more than one head is left: the owner must choose a branch.
    public var isForked: Bool { heads.count > 1 }

    /// The newest snapshot when the history is straight; nil when it is empty or forked.
    public var newest: HistorySnapshot<Item>? {
        isForked ? nil : heads.first?.newest
    }

    /// The highest authenticated counter anywhere: a writer continues above it.
    public var highestCounter: UInt64 {
        runs.map(\.highestCounter).max() ?? 0
    }

    /// Groups by writer (version 1 snapshots together), then cuts each group into stretches
    /// wherever the counter does not rise in store order: a version 1 writer that started again
    /// at 1, or a copy of a running machine that goes on under the same writer ID.
    static func runs(_ snapshots: [HistorySnapshot<Item>]) -> [HistoryRun<Item>] {
        let byWriter = Dictionary(grouping: snapshots) { $0.lineage?.writer }
        var runs: [HistoryRun<Item>] = []
        for (writer, group) in byWriter {
            for stretch in stretches(group) {
                runs.append(HistoryRun(writer: writer, parent: stretch.last?.lineage?.parent, snapshots: stretch))
            }
        }
        return runs.sorted { ($0.lowestCounter, $0.highestCounter) < ($1.lowestCounter, $1.highestCounter) }
    }

    /// One writer's snapshots in the order of the store that holds most of them (then by
    /// counter), cut wherever the counter does not rise; each stretch sorted by counter.
    static func stretches(_ snapshots: [HistorySnapshot<Item>]) -> [[HistorySnapshot<Item>]] {
        let counts = Dictionary(grouping: snapshots.flatMap(\.positions), by: \.store).mapValues(\.count)
        let store = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
        let ordered = snapshots.sorted { a, b in
            switch (a.firstOrder(in: store), b.firstOrder(in: store)) {
            case let (x?, y?) where x != y: return x < y
            default: return a.counter < b.counter
            }
        }
        var stretches: [[HistorySnapshot<Item>]] = []
        for snapshot in ordered {
            if let last = stretches.last?.last, snapshot.counter > last.counter {
                stretches[stretches.count - 1].append(snapshot)
            } else {
                stretches.append([snapshot])
            }
        }
        return stretches.map { $0.sorted { $0.counter < $1.counter } }
    }
}
