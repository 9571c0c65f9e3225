import BackupAgent
import Foundation
import Sodium
import Synchronization

/// An in-memory `SnapshotStore` with the LocalStore semantics the pipeline relies on:
/// strictly increasing sequences, a FIFO upload queue with backoff, retention that keeps the
/// newest `keep` versions and never the last good one.
final class MemorySnapshotStore: SnapshotStore, Sendable {
    struct State {
        var snapshots: [StoredAgentSnapshot] = []
        var queue: [(sequence: UInt64, attempts: Int, notBefore: Date)] = []
        var uploaded: [UInt64] = []
        var failures: [String] = []
        var nextSequence: UInt64 = 1
    }

    let state = Mutex(State())
    /// Wakes `waitUntil` callers after every change.
    private let listeners = Mutex<[UUID: AsyncStream<Void>.Continuation]>([:])
    let keep: Int
    let backoff: TimeInterval

    init(keep: Int = 3, backoff: TimeInterval = 0.05) {
        self.keep = keep
        self.backoff = backoff
    }

    var snapshots: [StoredAgentSnapshot] { state.withLock { $0.snapshots } }

    /// Waits until `condition` holds, checking it after every change to the store (an event, not
    /// a poll); false if it still does not hold after `limit`.
    func waitUntil(limit: Duration = .seconds(60), _ condition: @escaping @Sendable (MemorySnapshotStore) -> Bool) async -> Bool {
        let (changes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        listeners.withLock { $0[id] = continuation }  // before the first check, so no change is missed
        defer { listeners.withLock { $0[id] = nil } }
        let deadline = Task {
            try? await Task.sleep(for: limit)
            continuation.finish()
        }
        defer { deadline.cancel() }
        if condition(self) { return true }
        for await _ in changes where condition(self) { return true }
        return condition(self)
    }

    private func changed() {
        for listener in listeners.withLock({ Array($0.values) }) { listener.yield() }
    }
    var uploadedSequences: [UInt64] { state.withLock { $0.uploaded } }

    func latestSnapshot() throws -> AgentSnapshotInfo? { state.withLock { $0.snapshots.last?.info } }

    func save(sealed: [UInt8], multiHash: [UInt8], channelCount: Int, createdAt: Date) throws -> AgentSnapshotInfo {
        defer { changed() }
        return state.withLock { s in
            let info = AgentSnapshotInfo(
                sequence: s.nextSequence, createdAt: createdAt, channelCount: channelCount, multiHash: multiHash,
                contentHash: SHA256.hash(sealed))
            s.nextSequence += 1
            s.snapshots.append(StoredAgentSnapshot(info: info, sealed: sealed))
            s.queue.append((info.sequence, 0, .distantPast))
            return info
        }
    }

    func nextUpload() throws -> PendingUpload? {
        state.withLock { s in
            while let first = s.queue.first {
                if let snapshot = s.snapshots.first(where: { $0.info.sequence == first.sequence }) {
                    return PendingUpload(snapshot: snapshot, attempts: first.attempts, notBefore: first.notBefore)
                }
                s.queue.removeFirst()  // Pruned: a newer state supersedes it.
            }
            return nil
        }
    }

    func markUploaded(_ upload: PendingUpload, at date: Date) throws {
        defer { changed() }
        return state.withLock { s in
            s.queue.removeAll { $0.sequence == upload.snapshot.info.sequence }
            s.uploaded.append(upload.snapshot.info.sequence)
        }
    }

    func markUploadFailed(_ upload: PendingUpload, error: String, at date: Date) throws -> Date {
        defer { changed() }
        return state.withLock { s in
            s.failures.append(error)
            guard let index = s.queue.firstIndex(where: { $0.sequence == upload.snapshot.info.sequence }) else { return date }
            s.queue[index].attempts += 1
            s.queue[index].notBefore = date.addingTimeInterval(backoff)
            return s.queue[index].notBefore
        }
    }

    func applyRetention() throws -> Int {
        defer { changed() }
        return state.withLock { s in
            let pending = Set(s.queue.map(\.sequence))
            let excess = s.snapshots.count - max(keep, 1)
            guard excess > 0 else { return 0 }
            var removed = 0
            s.snapshots.removeAll { snapshot in
                guard removed < excess, !pending.contains(snapshot.info.sequence) else { return false }
                removed += 1
                return true
            }
            return removed
        }
    }

    func mirror(at date: Date) {}

    func pendingUploadCount() throws -> Int { state.withLock { $0.queue.count } }

    func readLatest() throws -> StoredAgentSnapshot? { state.withLock { $0.snapshots.last } }
}
