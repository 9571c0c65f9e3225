import Dispatch
import NIOCore
import NIOPosix
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
///
/// A blocking committer (SQLite: GRDB's synchronous write) drains on its own dispatch queue, off
/// Swift's executor: the batch neither waits behind request tasks for a thread nor hops into the
/// database's queue and back (benchmarks/RESULTS.md "Vault upload").
///
/// In either mode, a batch's waiters are resumed with one hop per event loop they waited on,
/// not one cross-thread wake-up each.
final class GroupCommit<Item: Sendable, Output: Sendable>: Sendable {
    typealias Commit = @Sendable (_ batch: [Item]) async -> [Result<Output, any Error>]
    typealias BlockingCommit = @Sendable (_ batch: [Item]) -> [Result<Output, any Error>]

    private enum Committer: Sendable {
        case async(Commit)
        case blocking(DispatchQueue, BlockingCommit)
    }

    private struct Waiter: Sendable {
        let item: Item
        let continuation: CheckedContinuation<Output, any Error>
        /// The process-wide event loop the caller waited on, if any (`SingletonLoops`).
        let loop: (any EventLoop)?
    }

    private struct State: ~Copyable {
        var queue: [Waiter] = []
        var draining = false
    }

    private let state = Mutex(State())
    private let batches = Atomic<Int>(0)
    private let items = Atomic<Int>(0)
    private let commitNanoseconds = Atomic<Int>(0)
    private let maxBatch: Int
    private let maxWeight: Int
    private let weight: @Sendable (Item) -> Int
    private let committer: Committer

    convenience init(
        maxBatch: Int = 256, maxWeight: Int = .max, weight: @escaping @Sendable (Item) -> Int = { _ in 0 },
        commit: @escaping Commit
    ) {
        self.init(maxBatch: maxBatch, maxWeight: maxWeight, weight: weight, committer: .async(commit))
    }

    /// A group commit whose `commit` blocks its thread; batches run one at a time on `queue`.
    convenience init(
        maxBatch: Int = 256, maxWeight: Int = .max, weight: @escaping @Sendable (Item) -> Int = { _ in 0 },
        queue: DispatchQueue, blocking commit: @escaping BlockingCommit
    ) {
        self.init(maxBatch: maxBatch, maxWeight: maxWeight, weight: weight, committer: .blocking(queue, commit))
    }

    private init(maxBatch: Int, maxWeight: Int, weight: @escaping @Sendable (Item) -> Int, committer: Committer) {
        self.maxBatch = max(1, maxBatch)
        self.maxWeight = maxWeight
        self.weight = weight
        self.committer = committer
    }

    /// What the batches did so far: how many, how many writes, time spent committing.
    var stats: GroupCommitStats {
        GroupCommitStats(
            batches: batches.load(ordering: .relaxed), items: items.load(ordering: .relaxed),
            commitSeconds: Double(commitNanoseconds.load(ordering: .relaxed)) / 1e9)
    }

    /// Writes waiting for the next batch.
    var queuedCount: Int { state.withLock { $0.queue.count } }

    /// Queues `item` for the next batch and returns its result once that batch committed.
    func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { state in
                state.queue.append(Waiter(item: item, continuation: continuation, loop: SingletonLoops.current))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            guard startDrain else { return }
            switch committer {
            case .async(let commit): Task { await self.drain(commit) }
            case .blocking(let queue, let commit): queue.async { self.drain(commit) }
            }
        }
    }

    /// Commits batches until the queue is empty.
    private func drain(_ commit: Commit) async {
        while let batch = nextBatch() {
            let started = ContinuousClock.now
            answer(batch, await commit(batch.map(\.item)), started: started)
        }
    }

    /// Commits batches until the queue is empty, blocking the calling thread.
    private func drain(_ commit: BlockingCommit) {
        while let batch = nextBatch() {
            let started = ContinuousClock.now
            answer(batch, commit(batch.map(\.item)), started: started)
        }
    }

    /// Takes the next batch off the queue, or ends the drain when it is empty.
    private func nextBatch() -> [Waiter]? {
        state.withLock { state in
            var count = 0, total = 0
            for waiter in state.queue.prefix(maxBatch) {
                let next = weight(waiter.item)
                if count > 0, next > maxWeight - total { break }
                count += 1
                total += next
            }
            guard count > 0 else {
                state.draining = false
                return nil
            }
            let taken = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return taken
        }
    }

    private func answer(_ batch: [Waiter], _ results: [Result<Output, any Error>], started: ContinuousClock.Instant) {
        commitNanoseconds.add(Int((ContinuousClock.now - started).nanoseconds), ordering: .relaxed)
        batches.add(1, ordering: .relaxed)
        items.add(batch.count, ordering: .relaxed)
        var byLoop: [ObjectIdentifier: (loop: any EventLoop, answers: [(Waiter, Result<Output, any Error>)])] = [:]
        for (index, waiter) in batch.enumerated() {
            let result = index < results.count ? results[index] : .failure(GroupCommitError())
            guard let loop = waiter.loop else {
                waiter.continuation.resume(with: result)
                continue
            }
            byLoop[ObjectIdentifier(loop), default: (loop, [])].answers.append((waiter, result))
        }
        // Resumed on its own loop, a task is queued there without waking a thread per waiter.
        for (loop, answers) in byLoop.values {
            loop.execute {
                for (waiter, result) in answers { waiter.continuation.resume(with: result) }
            }
        }
    }
}

/// A batch committer returned fewer results than items (a programming error, reported as a 503).
struct GroupCommitError: Error, CustomStringConvertible {
    var description: String { "the storage batch returned no result for this write" }
}
