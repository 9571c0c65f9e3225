import BackupAgent
import BackupCore
import BlobStorage
import CurlHTTP
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Sodium
import Synchronization
import TestSupport
import VaultAPI
import VaultClient
import VaultServer
import LightningTypes

/// The vault's clock: real time plus an offset the tests move (release windows) instead of waiting.
final class MovableClock: Sendable {
    private let offset: Mutex<TimeInterval>
    init(offset: TimeInterval) { self.offset = Mutex(offset) }
    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func advance(seconds: Double) { offset.withLock { $0 += seconds } }
    var vaultClock: VaultClock { VaultClock(now: { self.now }) }
}

/// A real vault (production router, SQLite) on a loopback port, an enrolled account whose
/// liveness key is the one the fake lnd's node key gives, and this device's connection.
final class UnlockHarness: Sendable {
    let lnd: FakeLNDNode
    let clock: MovableClock
    let repository: SQLiteVaultRepository
    let owner: OwnerKey
    let deviceKey: DeviceKey
    let account: AccountID
    let port: Int
    let device: VaultConnection
    let state: TemporaryDirectory
    let vaultData: TemporaryDirectory
    private let server: RunningVault

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var sealFile: UnlockSealFile { UnlockSealFile(stateDirectory: state.path) }
    var vaultAccount: AccountID { account }

    private init(
        lnd: FakeLNDNode, clock: MovableClock, repository: SQLiteVaultRepository, owner: OwnerKey, deviceKey: DeviceKey, port: Int,
        state: TemporaryDirectory, vaultData: TemporaryDirectory, server: RunningVault
    ) throws {
        self.lnd = lnd
        self.clock = clock
        self.repository = repository
        self.owner = owner
        self.deviceKey = deviceKey
        account = owner.accountID
        self.port = port
        self.state = state
        self.vaultData = vaultData
        self.server = server
        device = try VaultConnection(baseURL: "http://127.0.0.1:\(port)", account: owner.accountID, deviceKey: deviceKey)
    }

    /// Starts the vault, enrolls the account (owner key, liveness key from lnd's node key) and
    /// this device, with lnd LOCKED.
    /// `quietSeconds`: the vault's `release_quiet_seconds` (0 here unless a test is about it).
    static func start(quietSeconds: Int64 = 0) async throws -> UnlockHarness {
        let lnd = try FakeLNDNode()
        lnd.restart(into: .locked)
        // Ahead of the server's start, so its challenges are newer than the replay guard's start.
        let clock = MovableClock(offset: 2)
        let vaultData = try TemporaryDirectory(prefix: "casa-agent")
        let repository = try SQLiteVaultRepository(directory: vaultData.path)
        var configuration = VaultConfiguration()
        configuration.port = 0
        configuration.logLevel = "error"
        configuration.retentionIntervalSeconds = 0
        configuration.releaseQuietSeconds = quietSeconds
        let server = try await RunningVault.start(configuration: configuration, repository: repository, clock: clock.vaultClock)
        let port = server.port
        let harness = try UnlockHarness(
            lnd: lnd, clock: clock, repository: repository, owner: try OwnerKey(entropy: .random(count: 16)),
            deviceKey: try DeviceKey.generate(), port: port, state: try TemporaryDirectory(prefix: "casa-agent"), vaultData: vaultData, server: server)
        let liveness = try BackupKeys(root: BackupRoot(nodeIdentityKey: lnd.nodeKey)).liveness
        try await harness.device.createAccount(owner: harness.owner, livenessPublicKey: liveness.publicKey)
        try await harness.device.registerDevice(owner: harness.owner, devicePublicKey: harness.deviceKey.publicKey)
        return harness
    }

    func stop() async {
        await server.stop()
    }

    /// Starts a harness, runs `body`, and always stops the vault.
    static func with(quietSeconds: Int64 = 0, _ body: (UnlockHarness) async throws -> Void) async throws {
        let harness = try await start(quietSeconds: quietSeconds)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// `unlock setup` as the command runs it (heartbeat included).
    func setup(password: String = FakeLNDNode.walletPassword) async throws -> UnlockSetup.Result {
        let setup = UnlockSetup(lnd: lnd, vault: device, heartbeats: device, account: account, sealFile: sealFile, lndTimeout: .seconds(10))
        return try await setup.setup(password: SecureBytes(copying: Array(password.utf8)))
    }

    /// What the vault holds in this device's slot, read from its database.
    func vaultSlot() async throws -> [UInt8]? {
        try await repository.sealedSecret(vaultAccount, deviceKey: deviceKey.publicKey)
    }

    /// The owner (from the words, on another machine) revokes this device.
    func revokeDevice() async throws {
        let owner = try VaultClient(
            configuration: VaultClientConfiguration(
                baseURL: baseURL, account: vaultAccount, security: .loopbackPlainHTTP, freshness: .challenge),
            key: self.owner.keyPair)
        _ = try await owner.revokeDevice(key: deviceKey.publicKey)
    }

    /// A running agent over the fake lnd, an in-memory store and the real vault.
    func agent(retry: AutoUnlocker.RetryPolicy = .init(attempts: 3, initialDelay: .milliseconds(20), maximumDelay: .milliseconds(50)))
        throws -> AgentRuntime
    {
        var logger = Logger(label: "casa-unlock-test")
        logger.logLevel = .critical
        return try AgentRuntime(
            settings: AgentSettings(
                account: account, stateDirectory: state.path, lndDataDirectory: nil, blobName: nil, heartbeatPeriod: .seconds(3600)),
            lnd: lnd, store: MemorySnapshotStore(keep: 3), vault: device, vaultControl: device, unlockVault: device, unlockRetry: retry,
            logger: logger)
    }

    /// Runs `body` with the agent's services running, then shuts them down.
    func withAgent<T: Sendable>(_ runtime: AgentRuntime, _ body: () async throws -> T) async throws -> T {
        let group = runtime.serviceGroup(handleSignals: false)
        let running = Task { try await group.run() }
        do {
            let value = try await body()
            await group.triggerGracefulShutdown()
            try await running.value
            return value
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }

    /// Every file under the state directory, recursively.
    func stateFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: state.path)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = state.path + "/" + next
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(path) }
        }
        return files
    }
}

extension [UInt8] {
    /// True when `needle` occurs anywhere in these bytes.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
