import Foundation
import Sodium
import Synchronization

/// The agent's crash-safe local store: sealed snapshots as files (the truth), a SQLite catalog
/// (an index that is rebuilt from the files when it lags), the persistent upload queue and an
/// optional second copy. See docs/local-store.md.
///
/// A snapshot is acknowledged when `save` returns: its file is then durable (fsynced, renamed,
/// directory fsynced) and survives any crash or power loss. Readers only ever get bytes that
/// verify against their hash; a damaged version is reported and skipped for an older one.
public final class LocalSnapshotStore: Sendable {
    public let configuration: LocalStoreConfiguration
    public let primary: SnapshotDirectory
    public let secondary: SnapshotDirectory?
    private let catalogStorage: SnapshotCatalog
    /// What opening found and repaired.
    public let openingReport: OpeningReport

    private let writer: Mutex<WriterState>
    private let mirrorLock = Mutex(())

    struct WriterState {
        var nextSequence: UInt64
        var latest: SnapshotMetadata?
        /// Set when a catalog write failed after a durable save; the next queue access rescans.
        var catalogNeedsReconcile = false
        /// Durable snapshots not yet in the catalog: recorded at the next catalog access, off the
        /// critical path of `save` (the files are the truth; a crash before that loses nothing,
        /// opening reconciles the catalog with the files).
        var unrecorded: [(metadata: SnapshotMetadata, primarySuccessAt: Date)] = []
    }

    /// The catalog, first brought up to date with every acknowledged save.
    public var catalog: SnapshotCatalog {
        recordSavedSnapshots()
        return catalogStorage
    }

    /// Opens the store: creates the directories, removes interrupted temporary files, verifies
    /// every version and reconciles the catalog with them.
    public init(_ configuration: LocalStoreConfiguration) throws(LocalStoreError) {
        try configuration.validate()
        self.configuration = configuration
        primary = SnapshotDirectory(path: configuration.snapshotDirectory, fileSystem: configuration.fileSystem)
        secondary = configuration.secondaryDirectory.map { SnapshotDirectory(path: $0, fileSystem: configuration.fileSystem) }
        let catalog = try Self.openCatalog(at: configuration.catalogPath)
        catalogStorage = catalog

        let scan: DirectoryScan
        do {
            try primary.prepare()
            scan = try primary.scan()
        } catch {
            throw .fileSystem(error)
        }
        let reconciliation = try catalog.reconcile(with: scan)
        // A USB stick from an earlier box (or from before the state folder was lost) may hold
        // higher sequences: continue above them, so that our files sort after its files there
        // and its pruning never takes ours (issue 14).
        let onSecondary = (try? secondary?.sequences().max()) ?? nil
        let highest = max(scan.highestSequence ?? 0, try catalog.highestSequence() ?? 0, onSecondary ?? 0)
        writer = Mutex(WriterState(nextSequence: highest + 1, latest: scan.intact.last))

        var secondaryError: String?
        if let secondary {
            do {
                try secondary.prepare()
            } catch {
                secondaryError = error.description
                try? catalog.recordFailure(.secondary, error: error.description, at: Date())
            }
        }
        openingReport = OpeningReport(reconciliation: reconciliation, corruptions: scan.corrupt, secondaryError: secondaryError)
    }

    /// A store closed in order leaves a complete catalog (a crash leaves it to the reconciliation).
    deinit {
        recordSavedSnapshots()
    }

    // MARK: - Writing

    /// Stores a sealed snapshot durably and queues it for the vault. Returns once the file is
    /// durable: that is the acknowledgement. `multiHash` is the channel-set digest of the decrypted lnd Multi (`ChannelSetDigest`).
    @discardableResult
    public func save(sealed: [UInt8], multiHash: [UInt8], channelCount: Int, createdAt: Date = Date()) throws(LocalStoreError) -> SnapshotMetadata {
        try save(sealedAfterHeaderRoom: SnapshotFileFormat.withHeaderRoom(sealed), multiHash: multiHash, channelCount: channelCount, createdAt: createdAt)
    }

    /// Like `save(sealed:)`, for sealed bytes that follow `SnapshotFileFormat.headerSize` bytes of
    /// room in `file` (`Envelope.seal(reservingPrefix:)`): the buffer goes to disk as it is and
    /// the header is written over the room on disk, so a snapshot is never copied on its way there.
    @discardableResult
    public func save(sealedAfterHeaderRoom file: [UInt8], multiHash: [UInt8], channelCount: Int, createdAt: Date = Date()) throws(LocalStoreError) -> SnapshotMetadata {
        try Self.validate(multiHash: multiHash, channelCount: channelCount)
        return try stage(sealedAfterHeaderRoom: file).commit(multiHash: multiHash, channelCount: channelCount, createdAt: createdAt)
    }

    /// The first half of `save(sealedAfterHeaderRoom:)`, for a caller that is still checking what
    /// it stores (the agent opens lnd's Multi meanwhile): hashes the sealed bytes and writes them
    /// to a temporary file whose writeback starts at once (64 KiB and more), so the disk works
    /// in the meantime.
    /// Nothing is stored until the draft is committed; a draft discarded (or dropped) leaves nothing.
    public func stage(sealedAfterHeaderRoom file: [UInt8]) throws(LocalStoreError) -> SnapshotDraft {
        guard file.count > SnapshotFileFormat.headerSize else { throw .invalidSnapshot("the sealed snapshot is empty") }
        // The sequence is consumed even if the write fails: a name is never reused.
        let sequence = writer.withLock { state in
            defer { state.nextSequence += 1 }
            return state.nextSequence
        }
        do throws(FileSystemError) {
            try primary.stage(fileBytes: file, sequence: sequence)
        } catch {
            try? primary.discardStaged(sequence: sequence)
            throw .fileSystem(error)
        }
        // After the write: the hash runs while the data is on its way to the disk.
        let contentHash = SHA256.hash(file[SnapshotFileFormat.headerSize...])
        return SnapshotDraft(store: self, sequence: sequence, contentHash: contentHash, size: file.count - SnapshotFileFormat.headerSize)
    }

    /// `SnapshotDraft.commit`: the header, then the four durable steps of `write`.
    func commit(_ draft: SnapshotDraft, multiHash: [UInt8], channelCount: Int, createdAt: Date) throws(LocalStoreError) -> SnapshotMetadata {
        let metadata = SnapshotMetadata(
            sequence: draft.sequence,
            createdAtMilliseconds: SnapshotMetadata.milliseconds(createdAt),
            channelCount: channelCount,
            multiHash: multiHash,
            contentHash: draft.contentHash,
            size: draft.size
        )
        return try writer.withLock { state throws(LocalStoreError) in
            do throws(FileSystemError) {
                try primary.commit(header: SnapshotFileFormat.header(metadata), sequence: metadata.sequence)
            } catch {
                throw .fileSystem(error)
            }
            if metadata.sequence > state.latest?.sequence ?? 0 { state.latest = metadata }
            // Durable now: this is the acknowledgement. The catalog row and the upload-queue entry
            // are written at the next catalog access (the uploader's `nextUpload` right after),
            // so the catalog adds no work, and certainly no fsync, to the critical path.
            state.unrecorded.append((metadata, createdAt))
            // Bounded for a caller that never looks at the queue.
            if state.unrecorded.count >= Self.maximumUnrecorded { record(&state) }
            return metadata
        }
    }

    /// `SnapshotDraft.discard`: removes the temporary file; its sequence is given back when no
    /// later one was handed out meanwhile (no gap for an unchanged Multi).
    func discardDraft(sequence: UInt64) {
        try? primary.discardStaged(sequence: sequence)
        writer.withLock { state in
            if state.nextSequence == sequence + 1 { state.nextSequence = sequence }
        }
    }

    static func validate(multiHash: [UInt8], channelCount: Int) throws(LocalStoreError) {
        guard multiHash.count == SHA256.byteCount else {
            throw .invalidSnapshot("the Multi hash has \(multiHash.count) bytes, SHA-256 has \(SHA256.byteCount)")
        }
        guard channelCount >= 0, channelCount <= Int(UInt32.max) else {
            throw .invalidSnapshot("channel count \(channelCount) is out of range")
        }
    }

    /// Like `save`, but does nothing (and returns nil) when the Multi equals the latest one.
    public func saveIfChanged(sealed: [UInt8], multiHash: [UInt8], channelCount: Int, createdAt: Date = Date()) throws(LocalStoreError) -> SnapshotMetadata? {
        if latest?.multiHash == multiHash { return nil }
        return try save(sealed: sealed, multiHash: multiHash, channelCount: channelCount, createdAt: createdAt)
    }

    /// The newest snapshot saved or found at opening (not re-verified; use `readLatest`).
    public var latest: SnapshotMetadata? { writer.withLock { $0.latest } }

    /// The highest sequence given so far, to an intact, corrupt or failed snapshot (names found
    /// on either disk, the catalog's record, this process's drafts); 0 for a new store.
    public var highestSequenceUsed: UInt64 { writer.withLock { $0.nextSequence - 1 } }

    // MARK: - Reading

    /// The newest intact snapshot, verified; falls back to older versions, then to the second
    /// copy, and reports every damaged file it skipped.
    public func readLatest() throws(LocalStoreError) -> SnapshotRead {
        let fromPrimary: SnapshotRead
        do {
            fromPrimary = try primary.newestIntact()
        } catch {
            guard let secondary, let fromSecondary = try? secondary.newestIntact() else { throw .fileSystem(error) }
            return fromSecondary
        }
        guard fromPrimary.snapshot == nil, let secondary, let fromSecondary = try? secondary.newestIntact() else {
            return fromPrimary
        }
        return SnapshotRead(snapshot: fromSecondary.snapshot, corruptions: fromPrimary.corruptions + fromSecondary.corruptions)
    }

    /// One version from the primary directory, verified.
    public func read(sequence: UInt64) throws(LocalStoreError) -> StoredSnapshot {
        do {
            return try primary.read(sequence: sequence)
        } catch {
            if case .unreadable(let code) = error.reason, code == ErrnoCode.noEntry { throw .notFound(sequence: sequence) }
            throw .corrupt(error)
        }
    }

    // MARK: - Retention

    /// Keeps the newest `keepVersions` intact versions and removes older ones. A version is
    /// removed only after enough newer ones were read back and verified, so the last good copy
    /// is never deleted. Damaged files newer than the kept ones stay (and keep being reported).
    /// Also checkpoints the catalog: run it after saves, off the critical path.
    @discardableResult
    public func applyRetention() throws(LocalStoreError) -> RetentionReport {
        let report: RetentionReport
        do {
            report = try Self.prune(primary, keeping: configuration.keepVersions)
        } catch {
            throw .fileSystem(error)
        }
        if !report.removed.isEmpty { try catalog.markPruned(report.removed) }
        try catalog.checkpoint()
        return report
    }

    /// Keeps the newest `keep` intact versions by sequence, and `protecting` whatever its place.
    static func prune(_ directory: SnapshotDirectory, keeping keep: Int, protecting: UInt64? = nil) throws(FileSystemError) -> RetentionReport {
        var report = RetentionReport()
        for sequence in try directory.sequences().reversed() {
            if report.kept.count >= keep, sequence != protecting {
                try directory.remove(sequence: sequence)
                report.removed.append(sequence)
                continue
            }
            do {
                _ = try directory.read(sequence: sequence)
                report.kept.append(sequence)
            } catch {
                report.corruptions.append(error)
            }
        }
        return report
    }

    // MARK: - Second copy

    /// Copies the newest intact snapshot to the secondary directory (if configured and not
    /// already there), then prunes it. Never throws: a failing USB stick is recorded in the
    /// catalog and reported, and never blocks the primary (this runs under its own lock).
    @discardableResult
    public func mirrorToSecondary(at date: Date = Date()) -> MirrorOutcome {
        guard let secondary else { return .notConfigured }
        return mirrorLock.withLock { _ in
            let newest: StoredSnapshot
            do throws(FileSystemError) {
                guard let snapshot = try primary.newestIntact().snapshot else { return .nothingToMirror }
                newest = snapshot
            } catch {
                return .failed(error.description)
            }
            let sequence = newest.metadata.sequence
            do throws(FileSystemError) {
                try secondary.prepare()
                // A stick plugged in later may hold higher sequences (another box's files):
                // the next snapshots go above them, and this one is never pruned for them.
                if let highest = try secondary.sequences().max(), highest >= sequence {
                    writer.withLock { $0.nextSequence = max($0.nextSequence, highest + 1) }
                }
                if (try? secondary.read(sequence: sequence)) != newest {
                    try secondary.write(fileBytes: SnapshotFileFormat.encode(newest.metadata, sealed: newest.sealed), sequence: sequence)
                }
                // Verified read-back before anything older there is pruned.
                guard (try? secondary.read(sequence: sequence)) == newest else {
                    throw FileSystemError(operation: .read, path: secondary.filePath(for: sequence), errno: ErrnoCode.io)
                }
                _ = try Self.prune(secondary, keeping: configuration.keepVersions, protecting: sequence)
            } catch {
                try? catalog.recordFailure(.secondary, error: error.description, at: date)
                return .failed(error.description)
            }
            try? catalog.recordSuccess(.secondary, sequence: sequence, at: date)
            return .mirrored(sequence)
        }
    }

    // MARK: - Upload queue

    /// The oldest snapshot still to upload, read and verified, or nil when the queue is empty.
    /// Entries whose file is gone or damaged are superseded (a newer state replaces them).
    /// The caller uploads it when `job.notBefore` has passed, then calls `markUploaded` or
    /// `markUploadFailed`.
    public func nextUpload() throws(LocalStoreError) -> UploadJob? {
        try reconcileIfNeeded()
        // Bounded: each pass either returns or supersedes one entry.
        while let head = try catalog.nextPendingUpload() {
            if let snapshot = try? primary.read(sequence: head.sequence), snapshot.metadata.contentHash == head.contentHash {
                return UploadJob(snapshot: snapshot, attempts: head.attempts, notBefore: head.notBefore, lastError: head.lastError)
            }
            try catalog.markSuperseded(contentHash: head.contentHash)
        }
        return nil
    }

    public func markUploaded(_ job: UploadJob, at date: Date = Date()) throws(LocalStoreError) {
        try catalog.markUploaded(contentHash: job.snapshot.metadata.contentHash, at: date)
    }

    /// Records a failed upload; returns when to try again (exponential backoff).
    @discardableResult
    public func markUploadFailed(_ job: UploadJob, error: String, at date: Date = Date()) throws(LocalStoreError) -> Date {
        try catalog.markUploadFailed(contentHash: job.snapshot.metadata.contentHash, error: error, at: date,
                                     backoff: configuration.uploadBackoff)
    }

    // MARK: - Status

    public func status() throws(LocalStoreError) -> LocalStoreStatus {
        try reconcileIfNeeded()
        return LocalStoreStatus(
            latest: latest,
            pendingUploads: try catalog.pendingUploadCount(),
            destinations: try catalog.destinationStatuses()
        )
    }

    /// Checks what a crash test (or `casa-backupd verify`) needs: the newest intact snapshot is
    /// at least as new as the last acknowledged one, and that acknowledged version, if still
    /// kept, reads back with the acknowledged hash.
    public func checkAcknowledged(sequence: UInt64, contentHash: [UInt8]) -> AcknowledgementCheck {
        guard let read = try? readLatest(), let newest = read.snapshot else { return .noIntactSnapshot }
        guard newest.metadata.sequence >= sequence else { return .olderThanAcknowledged(newest: newest.metadata.sequence) }
        if let acknowledged = try? primary.read(sequence: sequence), acknowledged.metadata.contentHash != contentHash {
            return .acknowledgedContentChanged
        }
        return .intact(newest: newest.metadata)
    }

    // MARK: - Helpers

    /// Saves kept out of the catalog before `save` records them itself.
    static let maximumUnrecorded = 256

    /// Writes the catalog rows and queue entries of the snapshots saved since the last catalog
    /// access. Under the writer lock, so no reader sees the queue without a snapshot that was
    /// acknowledged before it asked. A failure leaves the rows to the reconciliation from the
    /// files at the next queue access; the snapshots themselves are durable either way.
    private func recordSavedSnapshots() {
        writer.withLock { record(&$0) }
    }

    private func record(_ state: inout WriterState) {
        guard !state.unrecorded.isEmpty else { return }
        defer { state.unrecorded.removeAll() }
        for saved in state.unrecorded {
            do {
                try catalogStorage.recordStored(saved.metadata, enqueue: true, primarySuccessAt: saved.primarySuccessAt)
            } catch {
                state.catalogNeedsReconcile = true
                return
            }
        }
    }

    private func reconcileIfNeeded() throws(LocalStoreError) {
        recordSavedSnapshots()
        let needed = writer.withLock { state in
            defer { state.catalogNeedsReconcile = false }
            return state.catalogNeedsReconcile
        }
        guard needed else { return }
        do {
            _ = try catalogStorage.reconcile(with: try primary.scan())
        } catch let error as LocalStoreError {
            writer.withLock { $0.catalogNeedsReconcile = true }
            throw error
        } catch {
            writer.withLock { $0.catalogNeedsReconcile = true }
            throw .fileSystem(error as? FileSystemError ?? FileSystemError(operation: .list, path: primary.path, errno: ErrnoCode.io))
        }
    }

    /// Opens the catalog; one that SQLite cannot open is moved aside and rebuilt from the files.
    private static func openCatalog(at path: String) throws(LocalStoreError) -> SnapshotCatalog {
        do {
            try POSIXFileSystem().createDirectory(at: FilePath.parent(of: path), mode: 0o700)
        } catch {
            throw .fileSystem(error)
        }
        do {
            return try SnapshotCatalog(path: path)
        } catch {
            let aside = path + ".unreadable-\(Int(Date().timeIntervalSince1970))"
            for suffix in ["", "-wal", "-shm"] {
                try? POSIXFileSystem().rename(from: path + suffix, to: aside + suffix)
            }
            return try SnapshotCatalog(path: path)
        }
    }
}
