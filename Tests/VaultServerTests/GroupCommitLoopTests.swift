import Dispatch
import NIOCore
import NIOPosix
import Testing
@testable import VaultServer

/// Callers waiting on NIO's process-wide event loops (the vault's request tasks) are answered
/// with one hop per loop; every caller still gets exactly its own answer.
@Suite struct GroupCommitLoopTests {
    /// Runs its methods on one event loop, as a request task does in `casa-vault`.
    actor OnLoop {
        let loop: any EventLoop
        init(_ loop: any EventLoop) { self.loop = loop }
        nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

        func submit(_ item: Int, to commits: GroupCommit<Int, Int>) async throws -> Int {
            try await commits.submit(item)
        }

        func currentIsSingletonLoop() -> Bool { SingletonLoops.current === loop }
    }

    @Test(.timeLimit(.minutes(1)))
    func callersOnSingletonLoopsGetTheirOwnAnswers() async throws {
        let commits = GroupCommit<Int, Int>(queue: DispatchQueue(label: "loop-test-commits")) { batch in
            usleep(2000)  // let callers pile up into shared batches
            return batch.map { $0 < 0 ? .failure(GroupCommitError()) : .success($0 * 10) }
        }
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).map(OnLoop.init)
        let answers = try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
            for item in -20..<200 {
                let onLoop = loops[(item + 20) % loops.count]
                group.addTask { (item, try? await onLoop.submit(item, to: commits)) }
            }
            return try await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
        }
        #expect(answers.count == 220)
        for (item, answer) in answers {
            #expect(answer == (item < 0 ? nil : item * 10), "item \(item)")
        }
        #expect(commits.stats.batches < 220, "callers shared batches: \(commits.stats)")
    }

    @Test func onlyTheProcessWideLoopsQualify() async throws {
        let singleton = OnLoop(MultiThreadedEventLoopGroup.singleton.next())
        #expect(await singleton.currentIsSingletonLoop())
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let other = OnLoop(group.next())
        #expect(await other.currentIsSingletonLoop() == false, "a loop that may shut down never answers waiters")
        try await group.shutdownGracefully()
        #expect(SingletonLoops.current == nil, "not on an event loop")
    }
}
