public import Foundation
import BackupCore
public import Logging

/// Sends a heartbeat signed with the liveness key every `period` while the keys are held
/// (lnd unlocked), and at once when keys are installed (`wake`), so that a node unlocked by
/// hand re-arms the sealed-unlock release right away. The agent's only timer (docs/agent.md).
public struct Heartbeat: Sendable {
    /// Rung when lnd's keys were installed (after every unlock).
    public let wake = Doorbell()
    let vault: any VaultControl
    let pipeline: SnapshotPipeline
    let status: AgentStatus
    let period: Duration
    let logger: Logger
    let clock: @Sendable () -> Date

    public init(
        vault: any VaultControl, pipeline: SnapshotPipeline, status: AgentStatus, period: Duration, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.vault = vault
        self.pipeline = pipeline
        self.status = status
        self.period = period
        self.logger = logger
        self.clock = clock
    }

    public func run() async {
        while !Task.isCancelled {
            await beat()
            await sleepUntilDueOrWoken()
        }
    }

    private func sleepUntilDueOrWoken() async {
        let period = period, wake = wake
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: period) }
            group.addTask { _ = await wake.wait() }
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// One heartbeat, if the liveness key is available.
    public func beat() async {
        guard let keys = await pipeline.currentKeys else { return }
        do {
            try await vault.sendHeartbeat(signedBy: keys.backup.liveness)
            let now = clock()
            status.update { $0.lastHeartbeatAt = now }
        } catch {
            status.update { $0.heartbeatFailures += 1 }
            logger.warning("heartbeat failed: \(error)")
        }
    }
}
