import Foundation
public import LocalStore
import Synchronization

/// `SnapshotStore` over LocalStore's `LocalSnapshotStore` (files are the truth, the GRDB
/// catalog holds the upload queue; docs/local-store.md).
public final class LocalStoreAdapter: SnapshotStore, Sendable {
    public let store: LocalSnapshotStore
    /// The store's jobs by sequence: `markUploaded`/`markUploadFailed` need the original job.
    private let jobs = Mutex<[UInt64: UploadJob]>([:])

    public init(_ store: LocalSnapshotStore) {
        self.store = store
    }

    /// Opens (and repairs) the store under the agent's state directory.
    public convenience init(configuration: AgentConfiguration) throws {
        do {
            self.init(try LocalSnapshotStore(LocalStoreConfiguration(
                stateDirectory: configuration.stateDirectory, secondaryDirectory: configuration.secondCopyDirectory,
                keepVersions: configuration.keepVersions,
                uploadBackoff: UploadBackoff(initial: min(5, TimeInterval(configuration.uploadRetryMaxSeconds)),
                                             maximum: TimeInterval(configuration.uploadRetryMaxSeconds)))))
        } catch {
            throw AgentError.io("cannot open the local store in \(configuration.stateDirectory): \(error)")
        }
    }

    public func latestSnapshot() throws -> AgentSnapshotInfo? { store.latest.map(Self.info) }
    public func highestSequenceUsed() throws -> UInt64 { store.highestSequenceUsed }

    public func save(sealed: [UInt8], multiHash: [UInt8], channelCount: Int, createdAt: Date) throws -> AgentSnapshotInfo {
        Self.info(try store.save(sealed: sealed, multiHash: multiHash, channelCount: channelCount, createdAt: createdAt))
    }

    public var headerRoom: Int { SnapshotFileFormat.headerSize }

    /// The store hashes the sealed bytes and writes them to a temporary file whose writeback
    /// starts at once; the commit writes the header and makes the file durable.
    public func stage(sealedAfterHeaderRoom buffer: [UInt8]) throws -> any StagedSnapshot {
        LocalStagedSnapshot(draft: try store.stage(sealedAfterHeaderRoom: buffer))
    }

    public func nextUpload() throws -> PendingUpload? {
        guard let job = try store.nextUpload() else { return nil }
        jobs.withLock { $0[job.snapshot.metadata.sequence] = job }
        return PendingUpload(snapshot: Self.stored(job.snapshot), attempts: job.attempts, notBefore: job.notBefore)
    }

    public func markUploaded(_ upload: PendingUpload, at date: Date) throws {
        guard let job = jobs.withLock({ $0.removeValue(forKey: upload.snapshot.info.sequence) }) else { return }
        try store.markUploaded(job, at: date)
    }

    public func markUploadFailed(_ upload: PendingUpload, error: String, at date: Date) throws -> Date {
        guard let job = jobs.withLock({ $0.removeValue(forKey: upload.snapshot.info.sequence) }) else { return date }
        return try store.markUploadFailed(job, error: error, at: date)
    }

    public func applyRetention() throws -> Int { try store.applyRetention().removed.count }

    public func mirror(at date: Date) { _ = store.mirrorToSecondary(at: date) }

    public func pendingUploadCount() throws -> Int { try store.status().pendingUploads }

    public func readLatest() throws -> StoredAgentSnapshot? { try store.readLatest().snapshot.map(Self.stored) }

    /// The newest intact file of the snapshot folder and of the USB copy (which may hold a newer
    /// one from another device, or survive a lost state folder).
    public func readNewestCopies() throws -> [StoredCopy] {
        var copies: [StoredCopy] = []
        for (directory, primary) in [(store.primary, true)] + (store.secondary.map { [($0, false)] } ?? []) {
            guard let newest = try? directory.newestIntact().snapshot else { continue }
            copies.append(StoredCopy(store: "folder \(directory.path)", sequence: newest.metadata.sequence, sealed: newest.sealed, isPrimary: primary))
        }
        return copies
    }

    static func info(_ m: SnapshotMetadata) -> AgentSnapshotInfo {
        AgentSnapshotInfo(sequence: m.sequence, createdAt: m.createdAt, channelCount: m.channelCount, multiHash: m.multiHash, contentHash: m.contentHash)
    }

    static func stored(_ s: StoredSnapshot) -> StoredAgentSnapshot {
        StoredAgentSnapshot(info: info(s.metadata), sealed: s.sealed)
    }
}
