import Foundation
import Logging
import NIOCore
import ServiceLifecycle

/// A server (a Hummingbird application) run as a service in its own task: its bound port and a
/// graceful stop. The vault (`RunningVault`) and lnd-sim's REST and control ports use it.
/// Stopping never cancels the server's task first: cancelling a NIO server while it accepts a
/// connection traps in `NIOAsyncWriter` ("Deinited NIOAsyncWriter without calling finish()",
/// swift-nio #3481); a graceful shutdown stops accepting, then finishes the requests in flight.
public final class BackgroundServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    /// How long `stop` lets requests in flight finish before it cancels the task.
    private let drainLimit: Duration

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>, drainLimit: Duration) {
        self.port = port
        self.group = group
        self.task = task
        self.drainLimit = drainLimit
    }

    /// Starts the service `make` builds, handing it the callback its server calls with the bound
    /// port, and returns once that port is known. `port` is the one asked for (0: any), for errors.
    public static func start(
        port: Int, logger: Logger, drainLimit: Duration,
        make: (_ onBound: @escaping @Sendable (Int) -> Void) async throws -> any Service
    ) async throws -> BackgroundServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let service = try await make { bound in
            continuation.yield(bound)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [service], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            switch await task.result {
            case .success: throw BackgroundServerStartFailure(port: port, reason: "the server stopped at once", addressInUse: false)
            case .failure(let error):
                let inUse = (error as? IOError)?.errnoCode == EADDRINUSE || "\(error)".contains("(errno: \(EADDRINUSE))")
                throw BackgroundServerStartFailure(port: port, reason: "\(error)", addressInUse: inUse)
            }
        }
        return BackgroundServer(port: bound, group: group, task: task, drainLimit: drainLimit)
    }

    /// Stops accepting connections, lets the requests in flight finish (at most `drainLimit`:
    /// a client still sending then, or a stream nobody cut, is cancelled), and returns once stopped.
    public func stop() async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let limit = drainLimit
        let watchdog = Task {
            try await Task.sleep(for: limit)
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }
}
