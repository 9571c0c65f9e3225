import Foundation

/// Runs a blocking call (a synchronous socket read, a subprocess wait) on its own thread, so it
/// never holds one of the few threads of Swift's cooperative pool while code in the same process
/// (an in-process server, the agent under test) needs that pool to answer it.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
