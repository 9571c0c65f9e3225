public import Foundation

/// The Prometheus text exposition of the agent's status (docs/agent.md "Metrics").
public enum MetricsText {
    public static func render(_ status: AgentStatus.Snapshot, now: Date, stalenessLimit: TimeInterval) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for sample in samples { lines.append("\(name)\(sample.labels) \(format(sample.value))") }
        }
        metric("casa_backup_last_success_timestamp_seconds", "gauge", "Last time a snapshot reached each destination (0 = never).", [
            ("{destination=\"local\"}", seconds(status.lastLocalSuccessAt)),
            ("{destination=\"vault\"}", seconds(status.lastVaultSuccessAt)),
        ])
        metric("casa_backup_snapshots_total", "counter", "Snapshots sealed and stored locally.", [("", Double(status.snapshotsSaved))])
        metric("casa_backup_unchanged_total", "counter", "lnd backups skipped because the channels did not change.", [("", Double(status.snapshotsUnchanged))])
        metric("casa_backup_upload_failures_total", "counter", "Failed vault uploads (retried with backoff).", [("", Double(status.uploadFailures))])
        metric("casa_backup_unreadable_total", "counter", "lnd backups that did not open with lnd's SCB key (never stored).", [("", Double(status.unreadableMultis))])
        metric("casa_backup_unknown_version_channels", "gauge",
               "Channels in lnd's newest backup whose Single version this casa does not know (stored and uploaded anyway; update casa).",
               [("", Double(status.unknownSingleVersions.count))])
        metric("casa_backup_heartbeat_failures_total", "counter", "Failed vault heartbeats.", [("", Double(status.heartbeatFailures))])
        metric("casa_backup_queue_depth", "gauge", "Snapshots waiting for the vault.", [("", Double(status.queueDepth))])
        metric("casa_backup_channels", "gauge", "Channels in the newest snapshot.", [("", Double(status.channelCount ?? 0))])
        metric("casa_backup_channel_count_drop_timestamp_seconds", "gauge",
               "When a snapshot last held at most half the channels of the one before (0 = never since start).",
               [("", seconds(status.channelCountDrop?.at))])
        metric("casa_backup_lnd_keys_available", "gauge", "1 while the keys from lnd are held (lnd unlocked).", [("", status.keysAvailable ? 1 : 0)])
        metric("casa_backup_history_forked", "gauge",
               "1 when another writer (a cloned disk, an old box) saved snapshots beside this agent: see `casa-recover list`.",
               [("", status.history?.forked == true ? 1 : 0)])
        metric("casa_backup_stale", "gauge", "1 when channels changed (or nothing came from lnd since start) and no upload succeeded within the staleness limit.", [
            ("", isStale(status, now: now, limit: stalenessLimit) ? 1 : 0)
        ])
        return lines.joined(separator: "\n") + "\n"
    }

    /// Channels changed after the last vault success, longer ago than `limit`; or no backup
    /// came from lnd since the agent started, longer ago than `limit` (an agent that never
    /// reaches lnd backs nothing up, and must say so).
    public static func isStale(_ status: AgentStatus.Snapshot, now: Date, limit: TimeInterval) -> Bool {
        guard let change = status.lastChannelChangeAt else {
            guard status.lastLNDBackupAt == nil, let started = status.startedAt else { return false }
            return now.timeIntervalSince(started) > limit
        }
        if let success = status.lastVaultSuccessAt, success >= change { return false }
        return now.timeIntervalSince(change) > limit
    }

    private static func seconds(_ date: Date?) -> Double {
        date.map { ($0.timeIntervalSince1970 * 1000).rounded() / 1000 } ?? 0
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
