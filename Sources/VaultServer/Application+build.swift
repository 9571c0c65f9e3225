import BlobStorage
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import VaultAPI
import Codecs

/// Builds the router with every controller: the production wiring, used as-is by tests.
public func buildRouter(
    repository: any VaultRepository, configuration: VaultConfiguration, metrics: VaultMetrics = VaultMetrics(),
    clock: VaultClock = .system, responseKey: VaultResponseKey? = nil
) async throws -> Router<VaultRequestContext> {
    let responseKey = try responseKey ?? VaultResponseKey.ephemeral()
    let challenges = try ChallengeIssuer(secret: try await repository.challengeSecret(), ttlSeconds: configuration.challengeTTLSeconds)
    let gate = RequestGate(
        repository: repository,
        authenticator: RequestAuthenticator(challenges: challenges, replayGuard: repository.replayGuard, skewSeconds: configuration.skewSeconds),
        accountLimiter: RateLimiter(ratePerSecond: configuration.accountRate, burst: configuration.accountBurst),
        clock: clock, bodyTimeout: .seconds(configuration.idleTimeoutSeconds))
    let router = Router(context: VaultRequestContext.self)
    let clientAddresses = try ClientAddressResolver(trustedProxies: configuration.trustedProxies)
    // Outermost, so that it signs the final answer, errors and rate limits included.
    router.addMiddleware { ResponseSigningMiddleware(key: responseKey) }
    router.addMiddleware {
        VaultMiddleware(
            metrics: metrics,
            anonymousLimiter: RateLimiter(ratePerSecond: configuration.addressRate, burst: configuration.addressBurst),
            failedAuthLimiter: RateLimiter(ratePerSecond: configuration.addressRate, burst: configuration.addressBurst),
            clientAddresses: clientAddresses, clock: clock)
    }
    SystemController(
        repository: repository, metrics: metrics, challenges: challenges, clock: clock,
        workBits: configuration.accountCreation == .pow ? configuration.powBits : nil
    ).addRoutes(to: router)
    let heldBack = HeldBackReleases()
    let creationGate = AccountCreationGate(
        rule: configuration.accountCreation, inviteHashes: Set(configuration.inviteTokenHashes.compactMap(Hex.decode)),
        workBits: configuration.powBits, maxAccounts: configuration.maxAccounts, challenges: challenges,
        replayGuard: repository.replayGuard)
    AccountController(gate: gate, creationGate: creationGate, limits: configuration.limits,
                      releaseQuietMilliseconds: configuration.releaseQuietSeconds * 1000, heldBack: heldBack)
        .addRoutes(to: router)
    DeviceController(gate: gate, releaseQuietMilliseconds: configuration.releaseQuietSeconds * 1000, heldBack: heldBack)
        .addRoutes(to: router)
    BlobController(gate: gate, limits: configuration.limits, metrics: metrics).addRoutes(to: router)
    VaultKeyController(key: responseKey).addRoutes(to: router)
    return router
}

/// Builds the whole application: storage from the configuration, router, HTTP server limits,
/// retention service. `runService()` serves until SIGTERM/SIGINT, then finishes in-flight requests.
public func buildApplication(
    configuration: VaultConfiguration, repository: (any VaultRepository)? = nil, clock: VaultClock = .system,
    logger: Logger? = nil, onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    try configuration.validate()
    var logger = logger ?? Logger(label: "casa-vault")
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    let storage: any VaultRepository
    if let repository {
        storage = repository
    } else {
        storage = try await openRepository(configuration.storage, configuration: configuration, logger: logger)
    }
    // An injected repository (tests, embedding) gets a key for this process unless one is named.
    let responseKey = repository != nil && configuration.responseKeyFile == nil
        ? try VaultResponseKey.ephemeral() : try configuration.loadResponseKey()
    let router = try await buildRouter(repository: storage, configuration: configuration, clock: clock, responseKey: responseKey)
    let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes,
        maxHeaderFieldCount: VaultLimits.maxHeaderFields)
    let maxHeaderBytes = configuration.maxHeaderBytes
    var app = Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ParseErrorResponder(clock: clock, maxHeaderBytes: maxHeaderBytes)],
            idleTimeout: .seconds(configuration.idleTimeoutSeconds), httpDecoderConfiguration: decoder)),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    app.addServices(RepositoryService(repository: storage, retentionInterval: configuration.retentionIntervalSeconds, clock: clock, logger: logger))
    return app
}

/// Opens the configured backend and checks its durability settings.
public func openRepository(_ storage: VaultConfiguration.Storage, configuration: VaultConfiguration, logger: Logger) async throws -> any VaultRepository {
    switch storage {
    case .memory:
        return MemoryVaultRepository()
    case .sqlite(let directory):
        return try SQLiteVaultRepository(directory: directory)
    case .postgres(let url):
        return try await PostgresVaultRepository(url: url, connections: configuration.postgresConnections, logger: logger)
    }
}

/// Builds the application and serves until SIGTERM/SIGINT (for `casa-vault serve`).
public func runVault(
    configuration: VaultConfiguration, onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws {
    let app = try await buildApplication(configuration: configuration, onServerRunning: onServerRunning)
    try await app.runService()
}
