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
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, repository: any VaultRepository, clock: VaultClock, task: Task<Void, any Error>) {
        self.port = port
        self.repository = repository
        self.clock = clock
        self.task = task
    }

    static func start(
        backend: Backend = .sqlite, clock: VaultClock = .system, configure: (inout VaultConfiguration) -> Void = { _ in }
    ) async throws -> LiveVault {
        var configuration = VaultConfiguration()
        configuration.port = 0
        configuration.retentionIntervalSeconds = 0
        configure(&configuration)
        let repository = try await backend.makeRepository()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "vault-test")
        logger.logLevel = .warning
        let app = try await buildApplication(configuration: configuration, repository: repository, clock: clock, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw ConformanceFailure("the vault did not start")
        }
        return LiveVault(port: port, repository: repository, clock: clock, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
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
