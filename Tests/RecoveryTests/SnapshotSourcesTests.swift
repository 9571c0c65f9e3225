import BackupCore
import Foundation
import Recovery
import Testing

/// Issue 14: one notion of newest across the vault and local/USB copies, through the same
/// `SnapshotLoader` that `list`, `fetch`, `verify` and `restore` use.
@Suite struct SnapshotSourcesTests {
    let fixtures: SnapshotFixtures
    static let first = WriterID(hex: "1111111111111111")!
    static let second = WriterID(hex: "2222222222222222")!
    static let clone = WriterID(hex: "3333333333333333")!

    init() throws {
        fixtures = try SnapshotFixtures()
    }

    func sealed(_ counter: UInt64, _ writer: WriterID, parent: WriterID? = nil) throws -> [UInt8] {
        try fixtures.envelope(counter: counter, createdAt: 1_764_000_000 + counter, lineage: SnapshotLineage(writer: writer, parent: parent))
    }

    /// A USB copy newer than the vault (the last upload never arrived): the newest across both
    /// wins, and the vault is reported as behind.
    @Test func aUSBCopyNewerThanTheVaultWins() async throws {
        let snaps = try (1...3).map { try sealed($0, Self.first) }
        let vault = try await fixtures.vault(envelopes: Array(snaps.prefix(2)))
        let usb = try fixtures.folder(envelopes: [(1, snaps[0]), (2, snaps[1]), (3, snaps[2])])
        let listing = try await SnapshotLoader.load(
            seed: fixtures.seed, network: nil, locations: [.vault { vault.connect($0) }, .folder(usb)])
        let newest = try listing.pick(.newest)
        #expect(newest.counter == 3)
        #expect(newest.reference.label == LocalSnapshotFile.fileName(sequence: 3))
        #expect(listing.branches.count == 1)
        #expect(listing.branches[0].snapshotCount == 3)
        #expect(listing.warnings == ["the vault is behind: its newest snapshot has counter 2, another copy has 3 "
                                     + "(uploads that never arrived, a store serving old data, or a copy that was not updated)"])
        #expect(listing.entries.count == 5)
    }

    /// A replaced device continued the old device's history (parent = the old writer): its
    /// snapshots are newest although the old device's counters were many more.
    @Test func aReplacedDeviceThatContinuedIsNewest() async throws {
        let old = try (1...40).map { try sealed($0, Self.first) }
        let new = try (41...42).map { try sealed($0, Self.second, parent: Self.first) }
        let vault = try await fixtures.vault(envelopes: old + new)
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .vault { vault.connect($0) })
        #expect(try listing.pick(.newest).reference.number == 42)
        #expect(listing.warnings.isEmpty)
    }

    /// Two writers at once (a cloned disk): both branches are shown, nothing is picked, and each
    /// choice is honoured.
    @Test func twoWritersAtOnceMustBeChosen() async throws {
        let vault = try await fixtures.vault(envelopes: [
            try sealed(1, Self.first), try sealed(2, Self.second, parent: Self.first), try sealed(2, Self.clone, parent: Self.first),
            try sealed(3, Self.clone, parent: Self.first),
        ])
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .vault { vault.connect($0) })
        #expect(listing.branches.map(\.writer) == [Self.clone, Self.second])
        #expect(listing.branches.map(\.newest.reference.number) == [4, 2])
        #expect(listing.warnings.first?.hasPrefix("the history has 2 branches") == true)
        #expect(throws: RecoveryError.self) { try listing.pick(.newest) }
        #expect(try listing.pick(.branch("2")).reference.number == 2)
        #expect(try listing.pick(.branch("3333")).reference.number == 4)
        #expect(throws: RecoveryError.self) { try listing.pick(.branch("9")) }
        let report = ListReport(listing)
        #expect(report.forked)
        #expect(report.branches.map(\.writer) == ["3333333333333333", "2222222222222222"])
        #expect(report.snapshots.first?.writer == "3333333333333333")
        #expect(report.snapshots.first?.parent == "1111111111111111")
    }

    /// The vault serves version 1's bytes again as version 3: flagged, and version 2 stays newest.
    @Test func anOldSnapshotServedAgainIsFlaggedAndNotNewest() async throws {
        let one = try sealed(1, Self.first), two = try sealed(2, Self.first)
        let vault = try await fixtures.vault(envelopes: [one, two, one])
        let listing = try await SnapshotLoader.load(seed: fixtures.seed, network: nil, location: .vault { vault.connect($0) })
        #expect(try listing.pick(.newest).reference.number == 2)
        let replayed = listing.entries.first { $0.reference.number == 3 }
        #expect(replayed?.warnings == ["the same bytes as an older snapshot, stored again as new: possibly an old backup served as new"])
        #expect(listing.entries.first { $0.reference.number == 1 }?.warnings == [])
    }

    /// `--snapshot N` that names different snapshots in two sources is refused, not guessed.
    @Test func anAmbiguousSnapshotNumberIsRefused() async throws {
        let vault = try await fixtures.vault(envelopes: [try sealed(1, Self.first)])
        let usb = try fixtures.folder(envelopes: [(1, try sealed(7, Self.second, parent: Self.first))])
        let listing = try await SnapshotLoader.load(
            seed: fixtures.seed, network: nil, locations: [.vault { vault.connect($0) }, .folder(usb)])
        #expect {
            try listing.pick(.number(1))
        } throws: { error in
            guard case .ambiguousSnapshot(1, let labels) = error as? RecoveryError else { return false }
            return Set(labels) == [LocalSnapshotFile.fileName(sequence: 1), "vault v1"]
        }
        #expect(try listing.pick(.newest).counter == 7)
    }

    /// With a USB folder given too, a vault without the account (or down) does not stop the
    /// restore: the folder is used and the owner is told.
    @Test func aVaultThatCannotHelpDoesNotStopAFolder() async throws {
        let empty = try await fixtures.vault(envelopes: [])
        let usb = try fixtures.folder(envelopes: [(1, try sealed(1, Self.first))])
        let listing = try await SnapshotLoader.load(
            seed: fixtures.seed, network: nil, locations: [.vault { empty.connect($0) }, .folder(usb)])
        #expect(try listing.pick(.newest).counter == 1)
        #expect(listing.warnings.first?.hasPrefix("the vault could not be read, only the folders were: ") == true)
    }
}
