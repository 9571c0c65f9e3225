import BackupCore
import Foundation
import Sodium

/// Every snapshot of one source, opened, newest first (`casa-recover list`, `fetch`, `verify`).
public struct SnapshotListing: Sendable {
    public var source: String
    public var account: String
    public var entries: [SnapshotEntry]

    /// Lists and opens every snapshot. Damaged ones stay in the list with their problem.
    /// `timings` (optional) gets the laps "vault fetch" (or "folder read") and "decrypt".
    public static func load(from source: any SnapshotSource, opener: SnapshotOpener, timings: PhaseTimings? = nil) async throws -> SnapshotListing {
        var entries: [SnapshotEntry] = []
        let fetch = PhaseName.fetch(source)
        let references = try await source.snapshots()
        timings?.lap(fetch)
        for reference in references {
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
            entries.append(entry)
        }
        entries.sort(by: newerFirst)
        markRollbacks(&entries)
        return SnapshotListing(source: source.name, account: opener.account.hex, entries: entries)
    }

    /// Usable snapshots, newest (highest counter) first.
    public var usable: [OpenedSnapshot] {
        entries.compactMap(\.opened).sorted { $0.counter > $1.counter }
    }

    /// The snapshot to restore: `number` (vault version or file sequence) or the newest usable one.
    public func pick(number: UInt64?) throws -> OpenedSnapshot {
        if let number {
            guard let entry = entries.first(where: { $0.reference.number == number }) else { throw RecoveryError.noSuchSnapshot(number: number) }
            guard let opened = entry.opened else {
                throw RecoveryError.damagedSnapshot(label: entry.reference.label, reason: entry.problem ?? "it did not open")
            }
            return opened
        }
        guard let newest = usable.first else {
            if let damaged = entries.first {
                throw RecoveryError.damagedSnapshot(label: damaged.reference.label, reason: damaged.problem ?? "it did not open")
            }
            throw RecoveryError.noSnapshots(source: source)
        }
        return newest
    }

    private static func newerFirst(_ a: SnapshotEntry, _ b: SnapshotEntry) -> Bool {
        switch (a.reference.number, b.reference.number) {
        case let (x?, y?) where x != y: return x > y
        default: return (a.time ?? .distantPast) > (b.time ?? .distantPast)
        }
    }

    /// A store that serves an old snapshot as a new one shows as a newer entry with a lower
    /// counter than an older entry (docs/envelope.md, freshness).
    private static func markRollbacks(_ entries: inout [SnapshotEntry]) {
        var highestBelow: UInt64 = 0
        for index in entries.indices.reversed() {
            guard let counter = entries[index].opened?.counter else { continue }
            if counter < highestBelow {
                entries[index].warnings.append("its counter \(counter) is lower than an older snapshot's (\(highestBelow)): possibly an old backup served as new")
            }
            highestBelow = max(highestBelow, counter)
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
