import BackupCore
import Testing

/// The one rule for "newest" (docs/envelope.md §9). Each case is a history a real account can
/// have; `label` names each snapshot, and the expected newest (or heads) are asserted by label.
@Suite struct SnapshotHistoryTests {
    static let a = WriterID(hex: "aaaaaaaaaaaaaaaa")!
    static let b = WriterID(hex: "bbbbbbbbbbbbbbbb")!
    static let c = WriterID(hex: "cccccccccccccccc")!

    /// A snapshot: `label`, counter, writer/parent (nil: a version 1 envelope), vault version.
    static func snap(_ label: String, _ counter: UInt64, writer: WriterID?, parent: WriterID? = nil,
                     vault: UInt64? = nil, folder: UInt64? = nil, bytes: String? = nil) -> HistorySnapshot<String> {
        var positions: [HistoryPosition] = []
        if let vault { positions.append(HistoryPosition(store: "vault", order: vault)) }
        if let folder { positions.append(HistoryPosition(store: "folder /usb", order: folder)) }
        return HistorySnapshot(
            identity: Array((bytes ?? label).utf8), counter: counter,
            lineage: writer.map { SnapshotLineage(writer: $0, parent: parent) }, positions: positions, item: label)
    }

    @Test func aStraightHistoryEndsAtTheHighestCounter() {
        let history = SnapshotHistory([
            Self.snap("a1", 1, writer: Self.a, vault: 1), Self.snap("a2", 2, writer: Self.a, vault: 2),
            Self.snap("b3", 3, writer: Self.b, parent: Self.a, vault: 3),
        ])
        #expect(!history.isForked)
        #expect(history.newest?.item == "b3")
        #expect(history.highestCounter == 3)
    }

    /// Issue 14 / C1: the first life wrote 50 version 1 snapshots, the re-enrolled agent (old code)
    /// started again at 1. Before: the highest counter (50, the first life) was restored. Now the
    /// two stretches are two heads and the owner is asked.
    @Test func countersThatStartedAgainAreTwoBranchesNotTheOldOne() {
        var snaps = (1...50).map { Self.snap("first\($0)", UInt64($0), writer: nil, vault: UInt64($0)) }
        snaps += (1...3).map { Self.snap("second\($0)", UInt64($0), writer: nil, vault: UInt64(50 + $0)) }
        let history = SnapshotHistory(snaps)
        #expect(history.isForked)
        #expect(history.newest == nil)
        #expect(history.heads.map(\.newest.item) == ["first50", "second3"])
    }

    /// After the fix: the re-enrolled agent read the vault, continued above counter 50 and named
    /// the old writer as its parent: a straight history whose newest is the second life's.
    @Test func aReEnrolledAgentThatContinuedIsTheNewest() {
        var snaps = (1...50).map { Self.snap("first\($0)", UInt64($0), writer: Self.a, vault: UInt64($0)) }
        snaps += (51...53).map { Self.snap("second\($0)", UInt64($0), writer: Self.b, parent: Self.a, vault: UInt64($0)) }
        let history = SnapshotHistory(snaps)
        #expect(!history.isForked)
        #expect(history.newest?.item == "second53")
    }

    /// A version 1 history, then the first version 2 writer (it found no writer, so no parent).
    @Test func theFirstWriterAfterAnUpgradeTakesOverVersion1() {
        let history = SnapshotHistory([
            Self.snap("old1", 1, writer: nil, vault: 1), Self.snap("old2", 2, writer: nil, vault: 2),
            Self.snap("new3", 3, writer: Self.a, parent: nil, vault: 3),
        ])
        #expect(history.newest?.item == "new3")
    }

    /// Two writers from one cloned disk: both continued writer a's history at once.
    @Test func twoWritersAtOnceAreTwoBranches() {
        let history = SnapshotHistory([
            Self.snap("a10", 10, writer: Self.a, vault: 10),
            Self.snap("b11", 11, writer: Self.b, parent: Self.a, vault: 11),
            Self.snap("c11", 11, writer: Self.c, parent: Self.a, vault: 12),
            Self.snap("b12", 12, writer: Self.b, parent: Self.a, vault: 13),
            Self.snap("c12", 12, writer: Self.c, parent: Self.a, vault: 14),
            Self.snap("c13", 13, writer: Self.c, parent: Self.a, vault: 15),
        ])
        #expect(history.isForked)
        #expect(history.heads.map(\.newest.item) == ["c13", "b12"])
    }

    /// A clone restarted: its new run continues its own branch; the other branch stays a head.
    @Test func aRestartOnOneBranchDoesNotHideTheOther() {
        let history = SnapshotHistory([
            Self.snap("a10", 10, writer: Self.a, vault: 10),
            Self.snap("b11", 11, writer: Self.b, parent: Self.a, vault: 11),
            Self.snap("c11", 11, writer: Self.c, parent: Self.a, vault: 12),
            Self.snap("d20", 20, writer: WriterID(hex: "dddddddddddddddd")!, parent: Self.c, vault: 13),
        ])
        #expect(history.heads.map(\.newest.item) == ["d20", "b11"])
    }

    /// A compromised agent seals counter 2^64-1 (continuing a's history); the real agent a goes on
    /// writing after it: the huge counter does not hide a's newer snapshots.
    @Test func aHugeCounterDoesNotHideLaterSnapshots() {
        let history = SnapshotHistory([
            Self.snap("a5", 5, writer: Self.a, vault: 5),
            Self.snap("evil", .max, writer: Self.b, parent: Self.a, vault: 6),
            Self.snap("a6", 6, writer: Self.a, vault: 7),
        ])
        #expect(history.isForked)
        #expect(history.heads.map(\.newest.item) == ["evil", "a6"])
    }

    /// A vault that serves an old snapshot again as a new version: the same bytes, so the same
    /// snapshot; it is reported as a replay and never counts as newer.
    @Test func anOldSnapshotServedAgainIsAReplay() {
        let history = SnapshotHistory([
            Self.snap("a1", 1, writer: Self.a, vault: 1), Self.snap("a2", 2, writer: Self.a, vault: 2),
            Self.snap("a1", 1, writer: Self.a, vault: 3),
        ])
        #expect(!history.isForked)
        #expect(history.newest?.item == "a2")
        #expect(history.replays.map(\.snapshot.item) == ["a1"])
        #expect(history.replays.first?.positions == [HistoryPosition(store: "vault", order: 3)])
    }

    /// The vault and a USB copy hold the same snapshots (same bytes); the USB copy has one more.
    @Test func copiesMergeAndTheNewestAcrossStoresWins() {
        let history = SnapshotHistory([
            Self.snap("a1", 1, writer: Self.a, vault: 1, folder: 1), Self.snap("a2", 2, writer: Self.a, vault: 2, folder: 2),
            Self.snap("a3", 3, writer: Self.a, folder: 3),
        ])
        #expect(history.runs.count == 1)
        #expect(history.newest?.item == "a3")
        #expect(history.newest?.positions == [HistoryPosition(store: "folder /usb", order: 3)])
    }

    /// A copy of a running machine goes on under the same writer ID: its counters repeat.
    @Test func oneWriterIDWithRepeatedCountersIsForked() {
        let history = SnapshotHistory([
            Self.snap("a1", 1, writer: Self.a, vault: 1), Self.snap("a2", 2, writer: Self.a, vault: 2),
            Self.snap("a2'", 2, writer: Self.a, vault: 3),
        ])
        #expect(history.isForked)
    }

    @Test func anEmptyHistoryHasNoNewest() {
        let history = SnapshotHistory<String>([])
        #expect(history.newest == nil)
        #expect(!history.isForked)
        #expect(history.highestCounter == 0)
    }
}
