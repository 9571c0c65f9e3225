import Hummingbird
import Logging
import ServiceLifecycle

/// A vault served in the background of this process (tests, embedding): its bound port and a
/// graceful stop. Stopping never cancels the server's task: cancelling a NIO server while it is
/// accepting a connection traps in `NIOAsyncWriter` ("Deinited NIOAsyncWriter without calling
/// finish()", swift-nio #3481); a graceful shutdown stops accepting, then finishes the requests
/// in flight.
public final class RunningVault: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    public struct StartFailure: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "the vault did not start listening: \(reason)" }
    }

    public static func start(
        configuration: VaultConfiguration, repository: (any VaultRepository)? = nil, clock: VaultClock = .system,
        logger: Logger? = nil
    ) async throws -> RunningVault {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(configuration: configuration, repository: repository, clock: clock, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [], logger: logger ?? Logger(label: "casa-vault")))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            switch await task.result {
            case .success: throw StartFailure(reason: "the server stopped at once")
            case .failure(let error): throw StartFailure(reason: "\(error)")
            }
        }
        return RunningVault(port: port, group: group, task: task)
    }

    /// Stops accepting connections, finishes the requests in flight, and returns once stopped
    /// (a client still sending after 10 s is cut off).
    public func stop() async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let watchdog = Task {
            try await Task.sleep(for: .seconds(10))
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }
}
