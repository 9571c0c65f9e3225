public import Foundation

/// `casa-backupd status`: the agent's state for people (text) and scripts (`--json`).
public struct StatusReport: Codable, Sendable, Equatable {
    public var lndState: String
    public var keysAvailable: Bool
    public var lastSnapshotSequence: UInt64?
    public var lastSnapshotAt: Date?
    public var lastUploadedSequence: UInt64?
    public var lastUploadAt: Date?
    public var queueDepth: Int
    public var channelCount: Int?
    public var lastHeartbeatAt: Date?
    /// The last sealed auto-unlock attempt since the agent started.
    public var autoUnlock: AutoUnlockRecord?
    /// How this run continues the account's history (docs/agent.md "Continuing the history").
    public var history: HistoryStatus?
    public var warnings: [String]

    /// snake_case like every other JSON casa prints.
    enum CodingKeys: String, CodingKey {
        case lndState = "lnd_state"
        case keysAvailable = "keys_available"
        case lastSnapshotSequence = "last_snapshot_sequence"
        case lastSnapshotAt = "last_snapshot_at"
        case lastUploadedSequence = "last_uploaded_sequence"
        case lastUploadAt = "last_upload_at"
        case queueDepth = "queue_depth"
        case channelCount = "channel_count"
        case lastHeartbeatAt = "last_heartbeat_at"
        case autoUnlock = "auto_unlock"
        case history
        case warnings
    }

    public init(_ status: AgentStatus.Snapshot, settings: AgentSettings, now: Date = Date()) {
        lndState = status.lndState
        keysAvailable = status.keysAvailable
        lastSnapshotSequence = status.lastSnapshotSequence
        lastSnapshotAt = status.lastSnapshotAt
        lastUploadedSequence = status.lastUploadedSequence
        lastUploadAt = status.lastVaultSuccessAt
        queueDepth = status.queueDepth
        channelCount = status.channelCount
        lastHeartbeatAt = status.lastHeartbeatAt
        autoUnlock = status.autoUnlock
        history = status.history
        var warnings = status.warnings
        if let history = status.history {
            if history.forked {
                warnings.append("the backup history has more than one branch: another device or a copy of this disk wrote snapshots "
                    + "at the same time as this one (a cloned SD card, an old box switched on again). Stop the other one, then check "
                    + "with `casa-recover list`; this agent continues its own branch")
            }
            warnings += history.problems.map { "history: " + $0 }
        }
        if let unlock = status.autoUnlock, let problem = unlock.problem, !status.keysAvailable {
            warnings.append("sealed auto-unlock \(unlock.outcome): \(problem)")
        }
        if status.heldBackUnlocks > 0 {
            warnings.append("someone asked the vault for this node's unlock share \(status.heldBackUnlocks) time(s) while this node was running "
                + "(last at \(ReportFormat.time(status.lastHeldBackUnlockAt))): a copy of this disk is being booted somewhere. The vault held it back. "
                + "If that was not you, revoke this device with `casa-recover revoke-device` and enroll this box again")
        }
        if let problem = status.unlockRotationProblem {
            warnings.append("sealed auto-unlock: the unlock shares were not rotated after the last unlock (\(problem)): "
                + "a copy of this disk taken before it could still unlock lnd; it is tried again at the next unlock")
        }
        if let unknown = UnknownChannelTypes.warning(status.unknownSingleVersions) { warnings.append(unknown) }
        if let file = status.unreadableLNDFile { warnings.append(file.warning) }
        warnings += status.lndConnectionWarnings
        if let different = status.differentNode { warnings.insert(different, at: 0) }
        if let drop = status.channelCountDrop, now.timeIntervalSince(drop.at) < ChannelCountDrop.shownFor { warnings.append(drop.warning) }
        if MetricsText.isStale(status, now: now, limit: settings.stalenessLimit) {
            warnings.append(status.lastChannelChangeAt == nil
                ? "no backup came from lnd since the agent started, over \(Int(settings.stalenessLimit)) s ago: nothing is being backed up"
                : "channels changed but no upload reached the vault for over \(Int(settings.stalenessLimit)) s")
        }
        if let local = status.lastSnapshotSequence, local > (status.lastUploadedSequence ?? 0) {
            let vault = status.lastUploadedSequence.map { "#\($0)" } ?? "nothing"
            warnings.append("the vault holds \(vault) but the newest local snapshot is #\(local): "
                + "channel changes since then (a new channel) are not covered if this box is lost until the upload succeeds")
        }
        if let error = status.lastUploadError { warnings.append("last upload failed: \(error)") }
        if !status.keysAvailable { warnings.append("no keys from lnd (lnd locked or unreachable): new states are kept locally, unsealed") }
        if status.unreadableMultis > 0 {
            warnings.append("\(status.unreadableMultis) lnd backups could not be stored: they did not open with lnd's SCB key, or were not a well-formed channel.backup (see the log)")
        }
        self.warnings = warnings
    }

    public var json: String { ReportFormat.json(self) }

    public var text: String {
        let time = ReportFormat.time
        var lines = [
            "lnd:            \(lndState)\(keysAvailable ? " (keys held)" : "")",
            "last snapshot:  \(lastSnapshotSequence.map { "#\($0)" } ?? "none") at \(time(lastSnapshotAt))",
            "last upload:    \(lastUploadedSequence.map { "#\($0)" } ?? "none") at \(time(lastUploadAt))",
            "queue depth:    \(queueDepth)",
            "channels:       \(channelCount.map(String.init) ?? "unknown")",
            "last heartbeat: \(time(lastHeartbeatAt))",
        ]
        if let autoUnlock {
            lines.append("auto-unlock:    \(autoUnlock.outcome) at \(time(autoUnlock.at))")
        }
        if let history {
            lines.append("history:        writer \(history.writer), continuing \(history.parent.map { "writer " + $0 } ?? "no earlier writer")"
                + " above counter \(history.highestCounterFound)\(history.forked ? " (forked)" : "")")
        }
        lines += warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}
