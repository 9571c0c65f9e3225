import BlobStorage
import Foundation
import Sodium
import Synchronization
import Testing
import TestSupport
import VaultAPI
@testable import VaultServer

/// Group commit: writes queued while a batch commits go together into the next one, each caller
/// gets its own result, and only after its batch's commit returned.
@Suite struct GroupCommitTests {
    /// A commit function that records batches and holds the first one until released.
    final class Recorder: Sendable {
        let batches = Mutex<[[Int]]>([])
        let released = Mutex(false)

        func commit(_ batch: [Int]) async -> [Result<Int, any Error>] {
            batches.withLock { $0.append(batch) }
            for _ in 0..<2000 where !released.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
            return Self.answers(batch)
        }

        /// The same, for a committer that blocks its thread (SQLite's mode).
        func commitBlocking(_ batch: [Int]) -> [Result<Int, any Error>] {
            batches.withLock { $0.append(batch) }
            for _ in 0..<2000 where !released.withLock({ $0 }) { usleep(5000) }
            return Self.answers(batch)
        }

        static func answers(_ batch: [Int]) -> [Result<Int, any Error>] {
            batch.map { $0 < 0 ? .failure(BlobStoreError(.badRequest, "negative \($0)")) : .success($0 * 10) }
        }
    }

    /// Submits `first`, holds its batch open, queues `rest` behind it (one at a time when
    /// `ordered`), then releases; returns every answer in submission order and the batches.
    static func runBehindAnOpenBatch(
        maxBatch: Int = 100, maxWeight: Int = .max, first: Int, rest: [Int], ordered: Bool = false, blocking: Bool = false
    ) async throws -> (answers: [Int], batches: [[Int]]) {
        let recorder = Recorder()
        let commits = blocking
            ? GroupCommit<Int, Int>(maxBatch: maxBatch, maxWeight: maxWeight, weight: { $0 }, queue: DispatchQueue(label: "test-commits")) {
                recorder.commitBlocking($0)
            }
            : GroupCommit<Int, Int>(maxBatch: maxBatch, maxWeight: maxWeight, weight: { $0 }) { await recorder.commit($0) }
        let head = Task { try await commits.submit(first) }
        // Polls: GroupCommit announces neither a started batch nor a queued submission.
        #expect(await eventually(limit: .seconds(5), every: .milliseconds(5)) { recorder.batches.withLock { $0.count } == 1 }, "condition not reached within 5 s")
        var tasks: [Task<Int, any Error>] = []
        for item in rest {
            tasks.append(Task { try await commits.submit(item) })
            let queued = tasks.count
            if ordered { #expect(await eventually(limit: .seconds(5), every: .milliseconds(5)) { commits.queuedCount == queued }, "condition not reached within 5 s") }
        }
        #expect(await eventually(limit: .seconds(5), every: .milliseconds(5)) { commits.queuedCount == rest.count }, "condition not reached within 5 s")
        #expect(recorder.batches.withLock { $0.count } == 1, "nothing else commits while the first batch is open")
        recorder.released.withLock { $0 = true }
        var answers = [try await head.value]
        for task in tasks { answers.append(try await task.value) }
        return (answers, recorder.batches.withLock { $0 })
    }

    @Test(arguments: [false, true])
    func writesQueuedDuringACommitShareTheNextBatch(blocking: Bool) async throws {
        let (answers, batches) = try await Self.runBehindAnOpenBatch(first: 1, rest: Array(2...11), blocking: blocking)
        #expect(answers == (1...11).map { $0 * 10 }, "each caller gets its own answer")
        #expect(batches.count == 2)
        #expect(batches.first == [1])
        #expect(Set(batches.last ?? []) == Set(2...11))
    }

    @Test func aFailedItemFailsOnlyItsOwnCaller() async throws {
        let recorder = Recorder()
        recorder.released.withLock { $0 = true }
        let commits = GroupCommit<Int, Int>(maxBatch: 100) { await recorder.commit($0) }
        let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for item in [-3, 4, -5, 6] {
                group.addTask {
                    do { return (item, .success(try await commits.submit(item))) } catch { return (item, .failure(error)) }
                }
            }
            var all: [Int: Result<Int, any Error>] = [:]
            for await (item, result) in group { all[item] = result }
            return all
        }
        #expect((try? results[4]?.get()) == 40)
        #expect((try? results[6]?.get()) == 60)
        for item in [-3, -5] {
            #expect(throws: BlobStoreError.self) { try results[item]?.get() }
        }
    }

    @Test(arguments: [false, true])
    func batchesAreCappedAtMaxBatch(blocking: Bool) async throws {
        let (_, batches) = try await Self.runBehindAnOpenBatch(maxBatch: 3, first: 0, rest: Array(1...7), blocking: blocking)
        #expect(batches.map(\.count) == [1, 3, 3, 1])
    }

    @Test func batchesAreCappedByWeightButNeverEmpty() async throws {
        let (_, batches) = try await Self.runBehindAnOpenBatch(maxWeight: 10, first: 1, rest: [5, 5, 5, 20, 1], ordered: true)
        #expect(batches == [[1], [5, 5], [5], [20], [1]])
    }

    /// Many concurrent puts on SQLite, some of them refused: refused puts change nothing, the
    /// others are all stored, and every answer matches what is stored.
    @Test(arguments: [Backend.sqlite, Backend.postgres].filter(Backend.available.contains))
    func concurrentPutsWithRefusalsOnABackend(_ backend: Backend) async throws {
        let repository = try await backend.makeRepository()
        let identity = try Identity()
        _ = try await repository.createAccount(identity.record())
        let store = AccountBlobStore(repository: repository, account: identity.account, limits: .default)
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<48 {
                group.addTask {
                    // Every third put skips a version (a conflict); the others are first versions.
                    let data = Array("blob \(i)".utf8)
                    let version: UInt64 = i % 3 == 0 ? 2 : 1
                    let stored = (try? await store.put(try BlobName("n\(i)"), version: version, data: data, contentHash: ContentHash(SHA256.hash(data)))) != nil
                    return (i, stored)
                }
            }
            var all: [Int: Bool] = [:]
            for await (i, stored) in group { all[i] = stored }
            return all
        }
        let listed = Set(try await store.list().map(\.name.rawValue))
        for i in 0..<48 {
            #expect(outcomes[i] == (i % 3 != 0), "put \(i)")
            #expect(listed.contains("n\(i)") == (i % 3 != 0), "name n\(i)")
        }
        for i in stride(from: 1, to: 48, by: 3) {
            let blob = try await store.get(try BlobName("n\(i)"), version: nil)
            #expect(blob.data == Array("blob \(i)".utf8))
        }
        let used = try await repository.account(identity.account)?.usedBytes
        let expected = (0..<48).filter { $0 % 3 != 0 }.reduce(0) { $0 + "blob \($1)".utf8.count }
        #expect(used == Int64(expected), "the quota counts exactly the stored bytes")
        let stats = try #require(repository.putBatches)
        #expect(stats.items == 48 && stats.batches >= 1 && stats.batches <= 48, "every put went through a group commit: \(stats)")
        try await repository.close()
    }
}
