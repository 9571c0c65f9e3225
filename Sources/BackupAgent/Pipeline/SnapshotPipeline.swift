import BackupCore
public import Foundation
import Sodium

/// Turns lnd Multis into stored, queued snapshots (docs/design.md §3.1 steps 3–4):
/// open with lnd's SCB key, skip when the plaintext equals the newest snapshot, seal in our
/// envelope under the next counter, save durably, ring the uploader.
///
/// Without keys (lnd locked or REST down) a Multi cannot be checked or sealed; the newest
/// lnd-encrypted file is then kept in `PendingLNDFile` and sealed as soon as keys arrive.
public actor SnapshotPipeline {
    private let store: any SnapshotStore
    private let pending: PendingLNDFile?
    private let status: AgentStatus
    private let clock: @Sendable () -> Date
    /// Rung after every saved snapshot (the uploader and retention listen).
    public nonisolated let saved: [Doorbell]
    /// Rung whenever keys were installed.
    public nonisolated let keysInstalled = Doorbell()
    /// Rung when held keys were dropped (lnd locked or went away).
    public nonisolated let keysDropped = Doorbell()
    private var keys: AgentKeys?
    /// Highest counter sealed by this process; the store's sequence is the floor.
    private var highestCounter: UInt64 = 0
    /// Reads the account's history before the first seal (docs/agent.md "Continuing the history").
    private let survey: (any HistorySurvey)?
    /// This run's writer ID, new at every start, and whose history it continues: decided by
    /// the survey when keys first arrive, sealed into every snapshot (docs/envelope.md §4.1).
    public nonisolated let writer: WriterID
    private var lineage: SnapshotLineage?
    /// The highest counter the survey found anywhere: every seal goes above it.
    private var counterFloor: UInt64 = 0

    public init(
        store: any SnapshotStore, pending: PendingLNDFile?, status: AgentStatus, notify saved: [Doorbell],
        survey: (any HistorySurvey)? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.pending = pending
        self.status = status
        self.saved = saved
        self.survey = survey
        self.clock = clock
        writer = WriterID(bytes: Random.bytes(WriterID.byteCount))!
    }

    public var hasKeys: Bool { keys != nil }
    public var currentKeys: AgentKeys? { keys }

    /// Installs freshly derived keys, then seals the lnd file kept while they were missing.
    /// The first time, it reads the account's history first (until then nothing is sealed:
    /// Multis wait in the pending file), so this run continues above the newest state that exists.
    @discardableResult
    public func install(_ newKeys: AgentKeys) async throws -> IngestOutcome? {
        if lineage == nil {
            let found = await survey?.survey(keys: newKeys) ?? HistorySurveyResult()
            adopt(found)
        }
        keys = newKeys
        status.update { $0.keysAvailable = true }
        keysInstalled.ring()
        guard let pending, let bytes = try pending.load() else { return nil }
        let outcome = try ingest(bytes, origin: .file)
        try pending.clear()
        return outcome
    }

    /// lnd locked or went away: forget every key (they live only while lnd is unlocked).
    public func dropKeys() {
        if keys != nil { keysDropped.ring() }
        keys = nil
        status.update { $0.keysAvailable = false }
    }

    /// Handles one lnd-encrypted Multi. Throws (storing nothing) when it does not open with
    /// lnd's SCB key or does not parse: a bad backup never replaces a good one.
    @discardableResult
    public func ingest(_ lndMulti: [UInt8], origin: SnapshotOrigin) throws -> IngestOutcome {
        guard let keys else {
            if let pending { try pending.keep(lndMulti) }
            return .deferred
        }
        let latest = try store.latestSnapshot()
        let now = clock()
        let counter = max(highestCounter, try store.highestSequenceUsed(), counterFloor) + 1
        let payload = EnvelopePayload(
            kind: .lndMultiChannelBackup, createdAt: UInt64(max(0, now.timeIntervalSince1970)), bytes: lndMulti,
            lineage: lineage ?? SnapshotLineage(writer: writer, parent: nil))
        let room = store.headerRoom
        let store = self.store
        // We seal lnd's Multi as it came (still under lnd's encryption), so sealing needs nothing
        // from opening it: the two run at once. The seal leaves room for the store's file header
        // and is staged right away (written to a temporary file on its way to the disk, then
        // hashed), so the disk works while the Multi is opened; staging is the first piece, so
        // that even with one free core the disk starts before the opening. Nothing is stored
        // before the Multi opened and was checked: one that does not open, or is unchanged,
        // discards the staged snapshot.
        let (staging, opening) = SideBySide.run({
            let sealed = try Envelope.seal(payload, counter: counter, account: keys.account, blob: keys.blob,
                                           key: keys.backup.envelope, reservingPrefix: room)
            return try store.stage(sealedAfterHeaderRoom: sealed)
        }, { try OpenedMulti(lndMulti, key: keys.lndSCBKey) })
        let opened: OpenedMulti
        do {
            opened = try opening.get()
        } catch {
            (try? staging.get())?.discard()
            // Nothing can be stored, so the staleness clock starts (if it is not running yet).
            status.update { $0.unreadableMultis += 1; $0.startStalenessClock(at: now) }
            throw AgentError.unreadableMulti(String(describing: error))
        }
        status.update { $0.lastLNDBackupAt = now; $0.unknownSingleVersions = opened.unknownSingleVersions }
        // The file headers carry a keyed tag of the channel set and a rounded count (review L5).
        let tag = keys.backup.localTags.tag(channelSetDigest: opened.hash)
        if let latest, latest.multiHash == tag {
            (try? staging.get())?.discard()
            status.update { $0.snapshotsUnchanged += 1 }
            return .unchanged(latest)
        }
        // The channels changed: the staleness clock runs from now even if storing fails below.
        status.update { $0.lastChannelChangeAt = now }
        let channelCount = opened.channelCount
        let stored = try staging.get().commit(multiHash: tag, channelCount: LocalTagKey.channelCountBound(channelCount), createdAt: now)
        let info = AgentSnapshotInfo(sequence: stored.sequence, createdAt: stored.createdAt, channelCount: channelCount,
                                     multiHash: stored.multiHash, contentHash: stored.contentHash)
        highestCounter = max(counter, info.sequence)
        status.update {
            if let before = $0.channelCount, ChannelCountDrop.isSharp(from: before, to: channelCount) {
                $0.channelCountDrop = ChannelCountDrop(from: before, to: channelCount, sequence: info.sequence, at: now)
            }
            $0.snapshotsSaved += 1
            $0.lastSnapshotSequence = info.sequence
            $0.lastSnapshotAt = now
            $0.lastLocalSuccessAt = now
            $0.lastChannelChangeAt = now
            $0.channelCount = channelCount
        }
        for bell in saved { bell.ring() }
        return .saved(info)
    }

    /// Above this a found counter is not continued (it would leave no room): only a writer that
    /// was tampered with seals such a counter, and the owner sees it as a branch in `list`.
    static let implausibleCounter: UInt64 = 1 << 62

    /// Continues the history the survey found: above its highest counter, as the child of its
    /// newest writer (of our own branch when it forked, so the other branch stays visible).
    private func adopt(_ found: HistorySurveyResult) {
        let history = SnapshotHistory(found.snapshots)
        var problems = found.problems
        let highest = history.highestCounter
        if highest >= Self.implausibleCounter {
            problems.append("a snapshot claims counter \(highest), far above any real history: not continued above it; check `casa-recover list` (possibly a tampered writer)")
            counterFloor = found.snapshots.map(\.counter).filter { $0 < Self.implausibleCounter }.max() ?? 0
        } else {
            counterFloor = highest
        }
        // Our own folder's newest snapshot names the branch this box is on: continue it, even
        // when another writer (a clone, a box that replaced this one) wrote above it meanwhile,
        // so that such a fork stays visible. A box with an empty folder (re-enrolled, new)
        // continues the newest head.
        let local = found.localNewest.flatMap { identity in found.snapshots.first { $0.identity == identity } }
        let parent = local.map { $0.lineage?.writer } ?? history.heads.first?.writer
        lineage = SnapshotLineage(writer: writer, parent: parent)
        // Forked when our next snapshot would not be the only head.
        let next = HistorySnapshot(identity: [], counter: counterFloor + 1, lineage: lineage, positions: [], item: "next")
        let status = HistoryStatus(
            writer: writer.hex, parent: parent?.hex, highestCounterFound: highest, snapshotsRead: found.snapshots.count,
            forked: SnapshotHistory(found.snapshots + [next]).isForked, checkedAt: clock(), problems: problems)
        self.status.update { $0.history = status }
    }
}
