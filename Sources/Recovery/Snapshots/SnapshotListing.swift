import BackupCore
import Foundation
import Sodium
import BlobStorage

/// Every snapshot of every source given (the vault, local folders, USB copies), opened, with
/// the one rule for "newest" applied across all of them (`SnapshotHistory`, docs/envelope.md §9).
/// `list`, `fetch`, `verify` and `restore` all choose through `pick`.
public struct SnapshotListing: Sendable {
    /// The sources read, e.g. "the vault + folder /media/usb/casa".
    public var source: String
    public var account: String
    /// Every copy found, newest first (highest counter first, then the latest stored).
    public var entries: [SnapshotEntry]
    /// The heads of the history: one for a straight history, several when writers forked it.
    public var branches: [SnapshotBranch]
    /// What the owner must know about the whole history: a fork, a source that is behind.
    public var warnings: [String]

    /// Lists and opens every snapshot of every source. Damaged ones stay in the list with their
    /// problem. `timings` (optional) gets the laps "vault fetch" (or "folder read") and "decrypt".
    /// How many snapshots that open are read from each store, newest first, by default
    /// (review L9: a vault keeping every version for years made every recovery download them all).
    public static let defaultDepth = 200

    /// `depth`: snapshots that open to read per store, newest first (nil: every one). Versions
    /// that do not open never count, so junk uploaded on top cannot hide the real ones.
    public static func load(from sources: [any SnapshotSource], opener: SnapshotOpener, timings: PhaseTimings? = nil,
                            depth: Int? = defaultDepth) async throws -> SnapshotListing {
        var entries: [SnapshotEntry] = []
        var notRead: [String] = []
        for source in sources {
            let (read, skipped) = try await load(source, opener: opener, timings: timings, depth: depth)
            entries += read
            if skipped > 0, let depth {
                notRead.append("\(source.name): \(skipped) older snapshot(s) were not read (the newest \(depth) that open were); --depth 0 reads them all")
            }
        }
        var listing = SnapshotListing(source: sources.map(\.name).joined(separator: " + "), account: opener.account.hex, entries: entries)
        listing.warnings += notRead
        return listing
    }

    /// Orders `entries` and works out the branches and warnings.
    public init(source: String, account: String, entries: [SnapshotEntry]) {
        self.source = source
        self.account = account
        let history = SnapshotHistory(entries.indices.compactMap { index -> HistorySnapshot<Int>? in
            guard let opened = entries[index].opened else { return nil }
            return HistorySnapshot(identity: opened.identity, counter: opened.counter, lineage: opened.lineage,
                                   positions: entries[index].reference.position.map { [$0] } ?? [], item: index)
        })
        var marked = entries
        for replay in history.replays {
            let copies = Set(replay.positions)
            for index in marked.indices where marked[index].reference.position.map(copies.contains) == true {
                marked[index].warnings.append("the same bytes as an older snapshot, stored again as new: possibly an old backup served as new")
            }
        }
        branches = history.heads.enumerated().compactMap { offset, head in
            guard let newest = entries[head.newest.item].opened else { return nil }
            let copies = marked.compactMap { $0.opened?.identity == head.newest.identity ? $0.reference.label : nil }
            return SnapshotBranch(number: offset + 1, writer: head.writer, newest: newest, snapshotCount: head.snapshots.count, copies: copies)
        }
        self.entries = marked.sorted(by: Self.newerFirst)
        warnings = Self.forkWarnings(branches) + Self.behindWarnings(entries: marked, newest: history.newest?.counter)
    }

    /// Usable snapshots, newest first (highest counter first).
    public var usable: [OpenedSnapshot] {
        entries.compactMap(\.opened)
    }

    /// The newest snapshot of a straight history; nil when there is none or the history forked.
    public var newest: OpenedSnapshot? {
        branches.count == 1 ? branches[0].newest : nil
    }

    /// The snapshot to restore. Never guesses: a forked history needs `--branch` or `--snapshot`.
    public func pick(_ choice: SnapshotChoice) throws -> OpenedSnapshot {
        switch choice {
        case .number(let number):
            let matches = entries.filter { $0.reference.number == number }
            guard let entry = matches.first else { throw RecoveryError.noSuchSnapshot(number: number) }
            guard let opened = entry.opened else {
                throw RecoveryError.damagedSnapshot(label: entry.reference.label, reason: entry.problem ?? "it did not open")
            }
            if matches.contains(where: { $0.opened?.identity != opened.identity }) {
                throw RecoveryError.ambiguousSnapshot(number: number, labels: matches.map(\.reference.label))
            }
            return opened
        case .branch(let text):
            let found = branches.filter { String($0.number) == text || (text.count >= 4 && $0.writer?.hex.hasPrefix(text.lowercased()) == true) }
            guard found.count == 1 else { throw RecoveryError.noSuchBranch(text, branches: branches.map(\.line)) }
            return found[0].newest
        case .newest:
            if branches.count > 1 { throw RecoveryError.historyForked(branches: branches.map(\.line)) }
            if let newest { return newest }
            if let damaged = entries.first {
                throw RecoveryError.damagedSnapshot(label: damaged.reference.label, reason: damaged.problem ?? "it did not open")
            }
            throw RecoveryError.noSnapshots(source: source)
        }
    }

    private static func load(_ source: any SnapshotSource, opener: SnapshotOpener, timings: PhaseTimings?,
                             depth: Int?) async throws -> (entries: [SnapshotEntry], notRead: Int) {
        var entries: [SnapshotEntry] = []
        let fetch = PhaseName.fetch(source)
        // Newest first in the store's own order (bare files without a number: first, always read).
        let references = try await source.snapshots().sorted { ($0.number ?? .max) > ($1.number ?? .max) }
        timings?.lap(fetch)
        var opened = 0
        for (index, reference) in references.enumerated() {
            if let depth, opened >= depth, reference.number != nil {
                return (entries, references.count - index)
            }
            var entry = SnapshotEntry(reference: reference)
            do {
                let bytes = try await source.envelope(reference)
                timings?.lap(fetch)
                if let expected = reference.contentHash, SHA256.hash(bytes) != expected {
                    entry.warnings.append("its bytes do not match the hash the store recorded")
                }
                defer { timings?.lap(PhaseName.decrypt) }
                entry.opened = try opener.open(bytes, reference: reference)
            } catch let error as RecoveryError {
                if case .vaultUnavailable = error { throw error }
                entry.problem = Self.shortReason(error)
                if case .notThisSeed = error { entry.notThisSeed = true }
            }
            if entry.opened != nil { opened += 1 }
            entries.append(entry)
        }
        return (entries, 0)
    }

    /// Opened snapshots by counter; a damaged one (no counter) by when it was stored, then by number.
    private static func newerFirst(_ a: SnapshotEntry, _ b: SnapshotEntry) -> Bool {
        if let x = a.opened?.counter, let y = b.opened?.counter, x != y { return x > y }
        let (s, t) = (a.time ?? .distantPast, b.time ?? .distantPast)
        if s != t { return s > t }
        return (a.reference.number ?? 0) > (b.reference.number ?? 0)
    }

    private static func forkWarnings(_ branches: [SnapshotBranch]) -> [String] {
        guard branches.count > 1 else { return [] }
        return ["the history has \(branches.count) branches: more than one writer saved snapshots at the same time "
                + "(a cloned disk, an old box brought back, or a reinstall before casa recorded writers). "
                + "Choose one with --branch N (or --snapshot N); nothing is picked for you."]
            + branches.map(\.line)
    }

    /// A source whose newest snapshot is older than the newest overall: the vault still waits
    /// for uploads, withholds newer versions, or a copy was not updated.
    private static func behindWarnings(entries: [SnapshotEntry], newest: UInt64?) -> [String] {
        guard let newest else { return [] }
        let bySource = Dictionary(grouping: entries.compactMap(\.opened)) { $0.reference.storeName }
        guard bySource.count > 1 else { return [] }
        return bySource.keys.sorted().compactMap { store in
            guard let highest = bySource[store]?.map(\.counter).max(), highest < newest else { return nil }
            return "\(store) is behind: its newest snapshot has counter \(highest), another copy has \(newest) "
                + "(uploads that never arrived, a store serving old data, or a copy that was not updated)"
        }
    }

    private static func shortReason(_ error: RecoveryError) -> String {
        switch error {
        case .damagedSnapshot(_, let reason): return reason
        case .invalidBackup(let reason): return reason
        case .notThisSeed: return "not made by this seed"
        default: return error.description
        }
    }
}
