import Dispatch
import Synchronization

/// Runs two independent pieces of CPU work at once (on two cores where there are two) and
/// returns when both are done, each with its own result, so one failing loses nothing of the
/// other. `concurrentPerform` runs work on the calling thread too: it cannot wait for a thread
/// that never comes, whatever the load (at worst the two run one after the other).
enum SideBySide {
    static func run<A: Sendable, B: Sendable>(
        _ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B
    ) -> (Result<A, any Error>, Result<B, any Error>) {
        let a = Mutex<Result<A, any Error>?>(nil)
        let b = Mutex<Result<B, any Error>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result = Result { try first() }
                a.withLock { $0 = result }
            } else {
                let result = Result { try second() }
                b.withLock { $0 = result }
            }
        }
        return (a.withLock { $0 } ?? .failure(CancellationError()), b.withLock { $0 } ?? .failure(CancellationError()))
    }
}
