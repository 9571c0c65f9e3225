import BackupCore
public import BlobStorage
import Foundation
public import Logging
public import ServiceLifecycle
import UnixSignals

/// The running agent: the pipeline and its services wired over the given lnd, store and vault
/// (docs/agent.md). `services` are the ServiceLifecycle services; `serviceGroup` runs them with
/// SIGTERM/SIGINT as graceful shutdown.
public final class AgentRuntime: Sendable {
    public let settings: AgentSettings
    public let status = AgentStatus()
    public let pipeline: SnapshotPipeline
    public let uploader: Uploader
    public let retention: Retention
    public let follower: LNDFollower
    public let watcher: DirectoryWatcher?
    public let heartbeat: Heartbeat
    public let control: ControlServer?
    /// Sealed auto-unlock at boot, when a vault is configured.
    public let unlocker: AutoUnlocker?
    let lnd: any LNDNode
    let logger: Logger

    public init(
        settings: AgentSettings, lnd: any LNDNode, store: any SnapshotStore, vault: any BlobStore, vaultControl: any VaultControl,
        unlockVault: (any UnlockShareVault)? = nil, unlockRetry: AutoUnlocker.RetryPolicy = .init(), logger: Logger
    ) throws {
        self.settings = settings
        self.lnd = lnd
        self.logger = logger
        retention = Retention(store: store, logger: logger)
        uploader = Uploader(store: store, vault: vault, blobName: settings.blobName, status: status, logger: logger)
        let pipeline = SnapshotPipeline(
            store: store, pending: PendingLNDFile(path: settings.stateDirectory + "/pending-channel.backup"), status: status,
            notify: [uploader.wake, retention.wake], survey: StoreHistorySurvey(vault: vault is NoVault ? nil : vault, store: store))
        self.pipeline = pipeline
        follower = LNDFollower(lnd: lnd, pipeline: pipeline, account: settings.account, status: status, logger: logger,
                               enrolledNode: EnrolledNode(stateDirectory: settings.stateDirectory), rememberedBlob: settings.blobName)
        if let directory = settings.lndDataDirectory {
            watcher = DirectoryWatcher(directory: directory, fileName: settings.lndBackupFileName, pipeline: pipeline, status: status,
                                       logger: logger, exportCurrent: { try await lnd.exportMultiBackup() })
        } else {
            watcher = nil
        }
        heartbeat = Heartbeat(vault: vaultControl, pipeline: pipeline, status: status, period: settings.heartbeatPeriod, logger: logger)
        control = try settings.controlPort.map { try ControlServer(port: $0) }
        let status = status
        unlocker = unlockVault.map {
            AutoUnlocker(
                lnd: lnd, vault: $0, sealFile: UnlockSealFile(stateDirectory: settings.stateDirectory), status: status, logger: logger,
                retry: unlockRetry)
        }
        if let latest = try store.latestSnapshot() {
            status.update {
                $0.lastSnapshotSequence = latest.sequence
                $0.lastSnapshotAt = latest.createdAt
            }
        }
        status.update { $0.queueDepth = (try? store.pendingUploadCount()) ?? 0 }
    }

    /// Watcher (lnd stream + inotify), uploader, heartbeat, retention, health: one Service each.
    public var services: [NamedService] {
        let follower = follower, watcher = watcher, uploader = uploader, heartbeat = heartbeat, retention = retention
        var services = [
            NamedService("watcher") {
                await withDiscardingTaskGroup { group in
                    group.addTask { await follower.run() }
                    if let watcher { group.addTask { await watcher.run() } }
                    group.addTask { await self.forwardBlobName() }
                }
            },
            NamedService("uploader") { await uploader.run() },
            NamedService("heartbeat") { await heartbeat.run() },
            NamedService("retention") { await retention.run() },
        ]
        if let unlocker {
            services.append(NamedService("unlock") { await unlocker.run() })
        }
        if let control {
            services.append(NamedService("health") { await control.serve { await self.answer($0) } })
        }
        return services
    }

    /// With `handleSignals`, SIGTERM and SIGINT trigger graceful shutdown (tests pass false).
    public func serviceGroup(handleSignals: Bool = true) -> ServiceGroup {
        ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map {
                    .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: $0.name)
                },
                gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: logger))
    }

    /// Tells the uploader the blob name whenever keys are installed, and remembers it in the
    /// state directory so queued uploads drain at the next boot while lnd is still locked.
    private func forwardBlobName() async {
        while await pipeline.keysInstalled.wait() {
            heartbeat.wake.ring()
            guard let name = await pipeline.currentKeys?.blob else { continue }
            await uploader.setBlobName(name)
            if settings.blobName != name {
                do {
                    try DurableFile.write(Array(name.rawValue.utf8), to: AgentSettings.blobNamePath(stateDirectory: settings.stateDirectory))
                } catch {
                    logger.warning("\(error)")
                }
            }
        }
    }

    /// Takes a snapshot now and waits until the vault acknowledged it (`checkpoint --wait`).
    public func checkpoint(timeout: Duration) async throws -> AgentSnapshotInfo {
        guard await pipeline.hasKeys else {
            throw AgentError.lndUnavailable("no keys from lnd yet (\(status.current.lndState))")
        }
        let info: AgentSnapshotInfo
        switch try await pipeline.ingest(try await lnd.exportMultiBackup(), origin: .checkpoint) {
        case .saved(let saved): info = saved
        case .unchanged(let latest): info = latest
        case .deferred: throw AgentError.lndUnavailable("the keys went away during the checkpoint")
        }
        if let name = await pipeline.currentKeys?.blob { await uploader.setBlobName(name) }
        uploader.wake.ring()
        guard await status.waitUntilUploaded(info.sequence, timeout: timeout) else {
            throw AgentError.timedOut(
                "snapshot #\(info.sequence) is stored locally but the vault did not acknowledge it: \(status.current.lastUploadError ?? "no answer yet")")
        }
        return info
    }

    func answer(_ request: ControlRequest) async -> ControlResponse {
        switch (request.method, request.path) {
        case ("GET", "/metrics"):
            return ControlResponse(
                status: 200, contentType: "text/plain; version=0.0.4",
                body: MetricsText.render(status.current, now: Date(), stalenessLimit: settings.stalenessLimit))
        case ("GET", "/status"):
            return ControlResponse(status: 200, contentType: "application/json", body: StatusReport(status.current, settings: settings).json)
        case ("POST", "/checkpoint"):
            let seconds = request.query["timeout"].flatMap { Int($0) } ?? 60
            do {
                let info = try await checkpoint(timeout: .seconds(max(1, min(seconds, 3600))))
                return ControlResponse(status: 200, body: "snapshot #\(info.sequence) acknowledged by the vault\n")
            } catch {
                return ControlResponse(status: 504, body: "\(error)\n")
            }
        default:
            return ControlResponse(status: 404, body: "unknown path; use /metrics, /status or POST /checkpoint\n")
        }
    }
}
