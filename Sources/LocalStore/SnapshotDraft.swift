import Foundation
import Synchronization

/// A sealed snapshot staged by `LocalSnapshotStore.stage`: hashed and written to its temporary
/// file, on its way to the disk, but not stored. `commit` stores it (durably, as `save` does);
/// `discard`, or dropping the draft uncommitted, removes the temporary file. Either happens once.
public final class SnapshotDraft: Sendable {
    public let sequence: UInt64
    /// SHA-256 of the sealed bytes, computed by the store from the bytes it wrote.
    public let contentHash: [UInt8]
    /// Length of the sealed bytes.
    public let size: Int
    private let store: LocalSnapshotStore
    private let settled = Atomic<Bool>(false)

    init(store: LocalSnapshotStore, sequence: UInt64, contentHash: [UInt8], size: Int) {
        self.store = store
        self.sequence = sequence
        self.contentHash = contentHash
        self.size = size
    }

    /// Stores the staged snapshot as the newest version: writes its header, fsyncs, renames,
    /// fsyncs the directory. Returns once it is durable: that is the acknowledgement. After a
    /// failure the temporary file is removed and its sequence stays consumed (the rename may
    /// have happened).
    @discardableResult
    public func commit(multiHash: [UInt8], channelCount: Int, createdAt: Date = Date()) throws(LocalStoreError) -> SnapshotMetadata {
        try LocalSnapshotStore.validate(multiHash: multiHash, channelCount: channelCount)
        guard settle() else { throw .invalidSnapshot("snapshot draft #\(sequence) was already committed or discarded") }
        do {
            return try store.commit(self, multiHash: multiHash, channelCount: channelCount, createdAt: createdAt)
        } catch {
            try? store.primary.discardStaged(sequence: sequence)
            throw error
        }
    }

    /// Drops the staged snapshot (lnd's Multi did not open, or did not change).
    public func discard() {
        guard settle() else { return }
        store.discardDraft(sequence: sequence)
    }

    deinit {
        discard()
    }

    /// True the first time only.
    private func settle() -> Bool {
        !settled.exchange(true, ordering: .acquiringAndReleasing)
    }
}
