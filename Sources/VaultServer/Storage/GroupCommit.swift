import Synchronization

/// Group commit: concurrent writes share one transaction, so one fsync acknowledges many
/// requests instead of one each (docs/vault-api.md "Durability and group commit").
///
/// Writes queue up while the previous batch commits; one background task then hands the whole
/// queue (at most `maxBatch` items and `maxWeight` weight, e.g. bytes, but always at least one
/// item) to `commit`, which returns one result per item in order.
/// A caller is answered only after `commit` returned, that is after the batch's COMMIT (and its
/// fsync) completed: durability is exactly that of one transaction per write. No timer delays
/// a lone write: with no concurrency every batch holds one item.
final class GroupCommit<Item: Sendable, Output: Sendable>: Sendable {
    typealias Commit = @Sendable (_ batch: [Item]) async -> [Result<Output, any Error>]

    private struct Waiter: Sendable {
        let item: Item
        let continuation: CheckedContinuation<Output, any Error>
    }

    private struct State: ~Copyable {
        var queue: [Waiter] = []
        var draining = false
    }

    private let state = Mutex(State())
    private let maxBatch: Int
    private let maxWeight: Int
    private let weight: @Sendable (Item) -> Int
    private let commit: Commit

    init(
        maxBatch: Int = 256, maxWeight: Int = .max, weight: @escaping @Sendable (Item) -> Int = { _ in 0 },
        commit: @escaping Commit
    ) {
        self.maxBatch = max(1, maxBatch)
        self.maxWeight = maxWeight
        self.weight = weight
        self.commit = commit
    }

    /// Writes waiting for the next batch.
    var queuedCount: Int { state.withLock { $0.queue.count } }

    /// Queues `item` for the next batch and returns its result once that batch committed.
    func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { state in
                state.queue.append(Waiter(item: item, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    /// Commits batches until the queue is empty.
    private func drain() async {
        while true {
            let batch: [Waiter] = state.withLock { state in
                var count = 0, total = 0
                for waiter in state.queue.prefix(maxBatch) {
                    let next = weight(waiter.item)
                    if count > 0, next > maxWeight - total { break }
                    count += 1
                    total += next
                }
                let taken = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            let results = await commit(batch.map(\.item))
            for (index, waiter) in batch.enumerated() {
                if index < results.count {
                    waiter.continuation.resume(with: results[index])
                } else {
                    waiter.continuation.resume(throwing: GroupCommitError())
                }
            }
        }
    }
}

/// A batch committer returned fewer results than items (a programming error, reported as a 503).
struct GroupCommitError: Error, CustomStringConvertible {
    var description: String { "the storage batch returned no result for this write" }
}
