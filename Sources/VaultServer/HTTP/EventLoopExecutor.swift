import NIOCore
import NIOPosix

/// Runs Swift concurrency's global executor on NIO's event loops, so a request's task, its
/// socket I/O and the storage continuations share threads instead of handing each request
/// back and forth between two thread pools (benchmarks/RESULTS.md "Vault upload").
/// Call once, first thing in `main`, before any task runs.
public enum EventLoopExecutor {
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
