public import Foundation

/// `casa-backupd unlock status [--json]`: whether sealed auto-unlock is set up here, whether the
/// vault would release the share now, until when, and what the running agent saw last.
public struct UnlockStatusReport: Codable, Sendable, Equatable {
    /// The local file exists.
    public var enabled: Bool
    public var sealPath: String
    /// The local file's mode in octal ("600"), if it exists.
    public var sealMode: String?
    /// armed, locked (outside the release window), revoked, no share, unreachable, refused, not set up.
    public var vault: String
    public var releaseArmed: Bool?
    public var lastHeartbeatAt: Date?
    public var windowSeconds: Int64?
    /// When the release locks unless a heartbeat comes first.
    public var releaseLocksAt: Date?
    /// The running agent's last attempt, if the agent answered.
    public var lastAttempt: AutoUnlockRecord?
    public var warnings: [String]

    /// snake_case like every other JSON casa prints.
    enum CodingKeys: String, CodingKey {
        case enabled
        case sealPath = "seal_path"
        case sealMode = "seal_mode"
        case vault
        case releaseArmed = "release_armed"
        case lastHeartbeatAt = "last_heartbeat_at"
        case windowSeconds = "window_seconds"
        case releaseLocksAt = "release_locks_at"
        case lastAttempt = "last_attempt"
        case warnings
    }

    /// Asks the vault (device key, challenge) and reads the local file; never opens the seal.
    public static func check(
        vault: (any UnlockShareVault)?, sealFile: UnlockSealFile, agent: StatusReport?
    ) async -> UnlockStatusReport {
        var report = UnlockStatusReport(
            enabled: sealFile.exists, sealPath: sealFile.path, sealMode: sealFile.mode.map { String($0, radix: 8) },
            vault: "not asked", lastAttempt: agent?.autoUnlock, warnings: [])
        if let problem = sealFile.permissionProblem { report.warnings.append(problem) }
        if let vault {
            do {
                let state = try await vault.releaseState()
                report.releaseArmed = state.releaseArmed
                report.lastHeartbeatAt = state.lastHeartbeatAt
                report.windowSeconds = state.windowSeconds
                report.releaseLocksAt = state.lastHeartbeatAt.map { $0.addingTimeInterval(TimeInterval(state.windowSeconds)) }
                report.vault = state.releaseArmed ? "armed" : "locked"
                if report.enabled && !state.releaseArmed {
                    report.warnings.append(UnlockShareError.releaseLocked.description)
                }
            } catch let error as UnlockShareError {
                report.vault = Self.word(error)
                if report.enabled { report.warnings.append(error.description) }
            } catch {
                report.vault = "unreachable"
                report.warnings.append("\(error)")
            }
        } else {
            report.warnings.append("no vault_url configured: sealed auto-unlock needs the vault")
        }
        if !report.enabled {
            report.warnings.append("sealed auto-unlock is not set up on this device: lnd waits for a manual unlock after every restart (`casa-backupd unlock setup` enables it)")
        }
        if let attempt = report.lastAttempt, let problem = attempt.problem {
            report.warnings.append("last auto-unlock \(attempt.outcome): \(problem)")
        }
        return report
    }

    static func word(_ error: UnlockShareError) -> String {
        switch error {
        case .deviceRevoked: "revoked"
        case .releaseLocked: "locked"
        case .nodeAlive: "held back while the node runs"
        case .noShare: "no share"
        case .unreachable: "unreachable"
        case .refused: "refused"
        }
    }

    public var json: String { ReportFormat.json(self) }

    public var text: String {
        let time = ReportFormat.time
        var lines = [
            "sealed auto-unlock: \(enabled ? "set up" : "not set up") (\(sealPath)\(sealMode.map { ", mode \($0)" } ?? ""))",
            "vault release:      \(vault)",
            "last heartbeat:     \(time(lastHeartbeatAt))",
        ]
        if let windowSeconds { lines.append("release window:     \(windowSeconds) s") }
        if let releaseLocksAt { lines.append("release locks at:   \(time(releaseLocksAt)) unless a heartbeat comes first") }
        if let lastAttempt { lines.append("last attempt:       \(lastAttempt.outcome) at \(time(lastAttempt.at))") }
        lines += warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}
