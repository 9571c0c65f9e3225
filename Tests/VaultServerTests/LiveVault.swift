import BlobStorage
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Sodium
import TestSupport
import VaultAPI
import VaultServer

/// A vault built with the production `buildApplication`: a real server on a loopback port
/// (`start`, `withServer`), or the same application tested through its router without a socket
/// (`withRouter`, HummingbirdTesting's `app.test(.router)`).
final class LiveVault: Sendable {
    let repository: any VaultRepository
    let clock: VaultClock
    let transport: VaultTransport
    private let server: RunningVault?

    /// The loopback port (a server started by `start` or `withServer` only).
    var port: Int {
        guard let server else { preconditionFailure("a router-tested vault has no port: use withServer") }
        return server.port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(repository: any VaultRepository, clock: VaultClock, server: RunningVault) {
        self.repository = repository
        self.clock = clock
        self.server = server
        self.transport = .url("http://127.0.0.1:\(server.port)")
    }

    private init(repository: any VaultRepository, clock: VaultClock, router: any TestClientProtocol) {
        self.repository = repository
        self.clock = clock
        self.server = nil
        self.transport = .router(router)
    }

    static func configuration(_ configure: (inout VaultConfiguration) -> Void) -> VaultConfiguration {
        var configuration = VaultConfiguration()
        configuration.port = 0
        configuration.retentionIntervalSeconds = 0
        configure(&configuration)
        return configuration
    }

    static var logger: Logger {
        var logger = Logger(label: "vault-test")
        logger.logLevel = .warning
        return logger
    }

    /// The production application, requests sent straight to its router (no socket, no HTTP
    /// parser): for route tests that need no socket-level behaviour.
    static func withRouter<T: Sendable>(
        backend: Backend = .sqlite, clock: VaultClock = .system, configure: (inout VaultConfiguration) -> Void = { _ in },
        _ body: @Sendable (LiveVault) async throws -> T
    ) async throws -> T {
        let repository = try await backend.makeRepository()
        let app = try await buildApplication(configuration: configuration(configure), repository: repository, clock: clock, logger: logger)
        return try await app.test(.router) { client in
            try await body(LiveVault(repository: repository, clock: clock, router: client))
        }
    }

    static func start(
        backend: Backend = .sqlite, clock: VaultClock = .system, configure: (inout VaultConfiguration) -> Void = { _ in }
    ) async throws -> LiveVault {
        let repository = try await backend.makeRepository()
        let server = try await RunningVault.start(configuration: configuration(configure), repository: repository, clock: clock, logger: logger)
        return LiveVault(repository: repository, clock: clock, server: server)
    }

    func stop() async {
        await server?.stop()
    }

    static func withServer<T: Sendable>(
        backend: Backend = .sqlite, clock: VaultClock = .system, configure: (inout VaultConfiguration) -> Void = { _ in },
        _ body: (LiveVault) async throws -> T
    ) async throws -> T {
        let vault = try await start(backend: backend, clock: clock, configure: configure)
        do {
            let value = try await body(vault)
            await vault.stop()
            return value
        } catch {
            await vault.stop()
            throw error
        }
    }

    /// A client signing as `key`.
    func client(_ key: Ed25519.KeyPair?) -> SignedHTTPClient {
        SignedHTTPClient(transport: transport, key: key)
    }

    /// Creates the identity's account over HTTP (owner signs; first device registered) and returns it.
    @discardableResult
    func enroll(_ identity: Identity) async throws -> Identity {
        try await SignedHTTPClient.enroll(identity, transport: transport)
    }

    /// A new enrolled account seen through HTTP as a `BlobStore`, signed by its device key.
    func newAccountStore() async throws -> HTTPBlobStore {
        let identity = try await enroll(Identity())
        return HTTPBlobStore(client: client(identity.device), account: identity.account)
    }
}
