import BlobStorage
import Foundation
import Hummingbird
import Logging
import Sodium
import TestSupport
import VaultAPI
import VaultServer

/// A real vault server on a loopback port, built with the production `buildApplication`.
final class LiveVault: Sendable {
    let port: Int
    let repository: any VaultRepository
    let clock: VaultClock
    private let server: RunningVault

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(repository: any VaultRepository, clock: VaultClock, server: RunningVault) {
        self.port = server.port
        self.repository = repository
        self.clock = clock
        self.server = server
    }

    static func start(
        backend: Backend = .sqlite, clock: VaultClock = .system, configure: (inout VaultConfiguration) -> Void = { _ in }
    ) async throws -> LiveVault {
        var configuration = VaultConfiguration()
        configuration.port = 0
        configuration.retentionIntervalSeconds = 0
        configure(&configuration)
        let repository = try await backend.makeRepository()
        var logger = Logger(label: "vault-test")
        logger.logLevel = .warning
        let server = try await RunningVault.start(configuration: configuration, repository: repository, clock: clock, logger: logger)
        return LiveVault(repository: repository, clock: clock, server: server)
    }

    func stop() async {
        await server.stop()
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
        SignedHTTPClient(baseURL: baseURL, key: key)
    }

    /// Creates the identity's account over HTTP (owner signs; first device registered) and returns it.
    @discardableResult
    func enroll(_ identity: Identity) async throws -> Identity {
        try await SignedHTTPClient.enroll(identity, baseURL: baseURL)
    }

    /// A new enrolled account seen through HTTP as a `BlobStore`, signed by its device key.
    func newAccountStore() async throws -> HTTPBlobStore {
        let identity = try await enroll(Identity())
        return HTTPBlobStore(client: client(identity.device), account: identity.account)
    }
}
