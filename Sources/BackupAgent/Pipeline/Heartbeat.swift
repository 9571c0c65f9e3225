public import Foundation
import BackupCore
public import Logging

/// Sends a heartbeat signed with the liveness key every `period` while the keys are held
/// (lnd unlocked), and at once when keys are installed (`wake`), so that a node unlocked by
/// hand re-arms the sealed-unlock release right away. The agent's only timer (docs/agent.md).
///
/// When the node goes down (lnd locked or gone, or the agent shutting down) it sends one last
/// "stopping" heartbeat with the last liveness key it used: the vault, which holds the unlock
/// share back while the node runs, then releases it to this node's reboot at once.
public struct Heartbeat: Sendable {
    /// Rung when lnd's keys were installed (after every unlock).
    public let wake = Doorbell()
    let vault: any VaultControl
    let pipeline: SnapshotPipeline
    let status: AgentStatus
    let period: Duration
    let logger: Logger
    let clock: @Sendable () -> Date
    /// The liveness key of the last heartbeat, for the stopping one (memory only).
    private let lastKey = RememberedLivenessKey()

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
        await withDiscardingTaskGroup { group in
            group.addTask {
                while await pipeline.keysDropped.wait() { await stopping() }
            }
            while !Task.isCancelled {
                await beat()
                await sleepUntilDueOrWoken()
            }
            group.cancelAll()
        }
        // Graceful shutdown: the node goes down with this agent.
        await stopping()
    }

    /// One stopping heartbeat with the last key used, if any (bounded: a shutdown must not wait).
    func stopping() async {
        guard let key = lastKey.take() else { return }
        let vault = vault
        do {
            // Detached: at a graceful shutdown this task is cancelled, and the call must still go out.
            try await Task.detached { try await withDeadline(.seconds(3)) { try await vault.sendStoppingHeartbeat(signedBy: key) } }.value
            logger.info("stopping heartbeat sent: the vault releases the unlock share to this node's reboot at once")
        } catch {
            logger.warning("stopping heartbeat failed (\(error)): after a reboot, sealed auto-unlock waits until the vault sees the node quiet")
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
            let heldBack = try await vault.sendHeartbeat(signedBy: keys.backup.liveness)
            lastKey.remember(keys.backup.liveness)
            let now = clock()
            status.update {
                $0.lastHeartbeatAt = now
                $0.heldBackUnlocks += heldBack.count
                $0.lastHeldBackUnlockAt = heldBack.max() ?? $0.lastHeldBackUnlockAt
            }
            if let last = heldBack.max() {
                logger.warning("the vault held back this node's unlock share \(heldBack.count) time(s) while the node ran (last at \(last)): someone booted a copy of this disk; if it was not you, revoke this device (`casa-recover revoke-device`) and enroll again")
            }
        } catch {
            status.update { $0.heartbeatFailures += 1 }
            logger.warning("heartbeat failed: \(error)")
        }
    }
}
