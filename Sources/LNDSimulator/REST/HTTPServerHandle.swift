import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServerSupport

/// A Hummingbird server on 127.0.0.1 in its own task, stoppable and restartable (a simulated lnd
/// restart closes and reopens the REST listener): a `BackgroundServer` answering with `respond`.
/// A stream nobody cut is cancelled 5 s into a stop.
enum HTTPServerHandle {
    static func start(
        port: Int, tls: TLSConfiguration?, logger: Logger,
        respond: @escaping @Sendable (Request) async -> Response
    ) async throws -> BackgroundServer {
        try await BackgroundServer.start(port: port, logger: logger, drainLimit: .seconds(5)) { onBound in
            let responder = CallbackResponder<BasicRequestContext> { request, _ in await respond(request) }
            let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1()
            return Application(
                responder: responder,
                server: server,
                configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
                onServerRunning: { channel in onBound(channel.localAddress?.port ?? port) },
                logger: logger)
        }
    }
}
