import NIOCore
import NIOPosix

/// The event loops of NIO's process-wide group (the one `casa-vault` serves and runs its tasks
/// on). They are never shut down, so work handed to one of them always runs: `GroupCommit` may
/// answer its waiters there, and only there.
enum SingletonLoops {
    private static let loops: [any EventLoop] = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())

    /// The singleton loop the calling thread runs, or nil (another group, or no event loop).
    static var current: (any EventLoop)? {
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop else { return nil }
        return loops.first { $0 === loop }
    }
}
