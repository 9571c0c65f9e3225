import Foundation
import LocalStore

/// How old the vault's copy is: from the running agent's status (its control port) when it
/// answers, else from the local store's catalog, read without the agent (only reads are issued;
/// snapshot files are not opened). Stale means a snapshot the vault does not hold is older than
/// `staleness_seconds`.
public struct UploadStalenessCheck: DoctorCheck {
    public let name = "staleness"
    let configuration: AgentConfiguration
    let now: @Sendable () -> Date

    public init(configuration: AgentConfiguration, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.now = now
    }

    var limit: Int { configuration.stalenessSeconds }
    var staleFix: String {
        "see the vault and enrollment checks for why uploads fail; the agent must run (`systemctl start casa-backupd` or `casa-backupd run`) "
            + "and reach the vault: it then uploads the queue in order"
    }

    public func run() async -> DoctorResult {
        if let status = RunningAgentStatus.fetch(configuration) { return fromAgent(status) }
        return fromCatalog()
    }

    func fromAgent(_ status: StatusReport) -> DoctorResult {
        if let stale = status.warnings.first(where: { $0.contains("no upload reached the vault for over") || $0.contains("nothing is being backed up") }) {
            return .fail(name, "the running agent reports: \(stale)", fix: staleFix)
        }
        guard let local = status.lastSnapshotSequence else {
            return .warn(name, "the running agent has no snapshot yet", fix: "see the lnd and macaroon checks: the agent snapshots once lnd is unlocked and answers it")
        }
        let uploaded = status.lastUploadedSequence ?? 0
        if local > uploaded {
            return .ok(name, "the running agent has #\(local) queued for the vault (the vault holds \(uploaded == 0 ? "nothing" : "#\(uploaded)"), "
                + "queue depth \(status.queueDepth)); not yet stale (staleness_seconds \(limit))")
        }
        return .ok(name, "the vault holds the newest snapshot #\(local), uploaded \(ReportFormat.time(status.lastUploadAt)) (from the running agent)")
    }

    func fromCatalog() -> DoctorResult {
        let notRunning = configuration.metricsPort == 0
            ? "the agent's control port is off (metrics_port = 0)"
            : "the agent is not running (nothing answers on 127.0.0.1:\(configuration.metricsPort))"
        let path = LocalStoreConfiguration(stateDirectory: configuration.stateDirectory).catalogPath
        guard FileManager.default.fileExists(atPath: path) else {
            return .warn(name, "\(notRunning), and it never stored a snapshot (no \(path))", fix: "start the agent: `systemctl start casa-backupd` or `casa-backupd run`")
        }
        let snapshots: [CatalogSnapshot]
        let vault: DestinationStatus?
        do {
            let catalog = try SnapshotCatalog(path: path)
            snapshots = try catalog.snapshots()
            vault = try catalog.destinationStatuses().first { $0.destination == .vault }
        } catch {
            return .fail(name, "\(notRunning), and its catalog cannot be read: \(error)", fix: "start the agent: it repairs the catalog from the snapshot files")
        }
        let uploaded = vault?.lastSuccessSequence ?? 0
        let pending = snapshots.filter { $0.metadata.sequence > uploaded }.map(\.metadata)
        guard let oldest = pending.min(by: { $0.sequence < $1.sequence }) else {
            guard let last = vault?.lastSuccessSequence else {
                return .warn(name, "\(notRunning), and it never stored a snapshot", fix: "start the agent: `systemctl start casa-backupd` or `casa-backupd run`")
            }
            return .warn(name, "the vault holds the newest snapshot #\(last), uploaded \(ReportFormat.time(vault?.lastSuccessAt)); but \(notRunning): new channels are not backed up",
                         fix: "start the agent: `systemctl start casa-backupd` or `casa-backupd run`")
        }
        let age = now().timeIntervalSince(oldest.createdAt)
        let holds = vault?.lastSuccessSequence.map { "#\($0) (uploaded \(ReportFormat.time(vault?.lastSuccessAt)))" } ?? "nothing"
        if age > Double(limit) {
            return .fail(name, "stale: snapshot #\(oldest.sequence) was made \(Int(age)) s ago and the vault still holds \(holds) "
                + "(staleness_seconds \(limit)); \(notRunning)", fix: staleFix)
        }
        return .warn(name, "\(pending.count) snapshot(s) not yet in the vault (which holds \(holds)), and \(notRunning)",
                     fix: "start the agent: `systemctl start casa-backupd` or `casa-backupd run`")
    }
}
