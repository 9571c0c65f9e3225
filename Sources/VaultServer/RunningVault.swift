import Hummingbird
import Logging
import ServerSupport

/// A vault served in the background of this process (tests, embedding): its bound port and a
/// graceful stop (`BackgroundServer`; a client still sending after 10 s is cut off).
public final class RunningVault: Sendable {
    private let server: BackgroundServer
    public var port: Int { server.port }

    private init(server: BackgroundServer) {
        self.server = server
    }

    public static func start(
        configuration: VaultConfiguration, repository: (any VaultRepository)? = nil, clock: VaultClock = .system,
        logger: Logger? = nil
    ) async throws -> RunningVault {
        let server = try await BackgroundServer.start(
            port: configuration.port, logger: logger ?? Logger(label: "casa-vault"), drainLimit: .seconds(10)
        ) { onBound in
            try await buildApplication(configuration: configuration, repository: repository, clock: clock, logger: logger, onServerRunning: onBound)
        }
        return RunningVault(server: server)
    }

    /// Stops accepting connections, finishes the requests in flight, and returns once stopped.
    public func stop() async {
        await server.stop()
    }
}
