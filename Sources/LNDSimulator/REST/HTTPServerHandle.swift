import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// A Hummingbird server running in its own task on 127.0.0.1, stoppable and restartable
/// (a simulated lnd restart closes and reopens the REST listener). Stopped by a graceful
/// shutdown, never by cancelling its task: cancelling a NIO server while it accepts a connection
/// traps in `NIOAsyncWriter` (swift-nio #3481).
final class HTTPServerHandle: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    struct StartFailure: Error, CustomStringConvertible {
        let port: Int
        let reason: String
        /// Another socket holds the port (bind's EADDRINUSE).
        let addressInUse: Bool
        var description: String { "cannot listen on 127.0.0.1:\(port): \(reason)" }
    }

    static func start(
        port: Int, tls: TLSConfiguration?, logger: Logger,
        respond: @escaping @Sendable (Request) async -> Response
    ) async throws -> HTTPServerHandle {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in await respond(request) }
        let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1()
        let application = Application(
            responder: responder,
            server: server,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? port)
                portContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [application], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            switch await task.result {
            case .success:
                throw StartFailure(port: port, reason: "the server stopped at once", addressInUse: false)
            case .failure(let error):
                let inUse = (error as? IOError)?.errnoCode == EADDRINUSE || "\(error)".contains("(errno: \(EADDRINUSE))")
                throw StartFailure(port: port, reason: "\(error)", addressInUse: inUse)
            }
        }
        return HTTPServerHandle(port: bound, group: group, task: task)
    }

    /// Graceful shutdown; open streams must have been cut first.
    func stop() async {
        await group.triggerGracefulShutdown()
        // A stream nobody cut would hold the graceful shutdown open: cancel after a bound.
        let task = self.task
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            task.cancel()
        }
        _ = try? await task.value
        watchdog.cancel()
    }
}
