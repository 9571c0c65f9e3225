public import Foundation

/// `casa-backupd doctor`: every check's line, and the verdict.
/// Exit status: 0 every check ok, 1 warnings only, 2 at least one failure (64: a usage error,
/// from the argument parser).
public struct DoctorReport: Codable, Sendable, Equatable {
    public var checks: [DoctorResult]
    /// No check failed (warnings allowed; the exit status tells them apart).
    public var ok: Bool

    public init(checks: [DoctorResult]) {
        self.checks = checks
        ok = !checks.contains { $0.status == .fail }
    }

    /// The worst status of all checks.
    public var worst: DoctorStatus { checks.map(\.status).max() ?? .ok }

    public var exitStatus: Int32 {
        switch worst {
        case .ok: 0
        case .warn: 1
        case .fail: 2
        }
    }

    /// Runs the checks one after the other (their order is the output's).
    public static func run(_ checks: [any DoctorCheck]) async -> DoctorReport {
        var results: [DoctorResult] = []
        for check in checks { results.append(await check.run()) }
        return DoctorReport(checks: results)
    }

    /// The checks for a configuration, in the order they are printed.
    public static func checks(for configuration: AgentConfiguration) -> [any DoctorCheck] {
        [
            LNDReachableCheck(configuration: configuration),
            MacaroonPermissionsCheck(configuration: configuration),
            VaultReachableCheck(configuration: configuration),
            EnrollmentCheck(configuration: configuration),
            WritableDirectoryCheck.stateDirectory(configuration),
            WritableDirectoryCheck.secondCopy(configuration),
            UploadStalenessCheck(configuration: configuration),
            UnlockSetupCheck(configuration: configuration),
            ClockSkewCheck(configuration: configuration),
        ]
    }

    /// The report when the configuration itself cannot be read: nothing else can be checked.
    public static func configurationFailed(_ error: any Error) -> DoctorReport {
        DoctorReport(checks: [.fail("config", "\(error)", fix: "correct the configuration file key, CASA_BACKUPD_* variable or flag the detail names (docs/agent.md \"Configuration\")")])
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    public var text: String {
        let summary: String
        switch worst {
        case .ok: summary = "all \(checks.count) checks passed"
        case .warn: summary = "\(checks.filter { $0.status == .warn }.count) warning(s), no failure"
        case .fail: summary = "\(checks.filter { $0.status == .fail }.count) failure(s), \(checks.filter { $0.status == .warn }.count) warning(s)"
        }
        return (checks.map(\.text) + [summary]).joined(separator: "\n")
    }
}
