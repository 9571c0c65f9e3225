import BackupCore
import Synchronization

/// The liveness key of the agent's last heartbeat, kept in memory for one stopping heartbeat
/// after lnd's keys are gone (`Heartbeat`); taken at most once.
final class RememberedLivenessKey: Sendable {
    private let key = Mutex<LivenessKey?>(nil)

    func remember(_ value: LivenessKey) { key.withLock { $0 = value } }

    /// The key, forgotten as it is handed out.
    func take() -> LivenessKey? { key.withLock { key in defer { key = nil }; return key } }
}
