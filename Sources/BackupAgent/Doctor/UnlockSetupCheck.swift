import Foundation
import VaultClient

/// Sealed auto-unlock, judged from what `casa-backupd unlock status` reports
/// (`UnlockStatusReport.check`): not set up is a warning (lnd then waits for a manual unlock
/// after every restart); set up but unusable (revoked device, bad file mode, no vault) fails.
public struct UnlockSetupCheck: DoctorCheck {
    public let name = "unlock"
    let configuration: AgentConfiguration

    public init(configuration: AgentConfiguration) {
        self.configuration = configuration
    }

    public func run() async -> DoctorResult {
        var vault: VaultConnection? = nil
        if let url = configuration.vaultURL, let account = try? configuration.accountID(),
           let deviceKey = try? Enrollment.loadDeviceKey(at: configuration.deviceKeyPath) {
            let recorded = try? RecordedVaultKey.load(configuration.vaultResponseKeyPath)
            vault = try? VaultConnection(baseURL: url, transport: configuration.vaultTransport, account: account, deviceKey: deviceKey,
                                         responseKey: VaultResponseKeyPin(key: recorded))
        }
        let report = await UnlockStatusReport.check(
            vault: vault, sealFile: UnlockSealFile(stateDirectory: configuration.stateDirectory), agent: RunningAgentStatus.fetch(configuration))
        return Self.judge(report)
    }

    static func judge(_ report: UnlockStatusReport) -> DoctorResult {
        let name = "unlock"
        guard report.enabled else {
            return .warn(name, "sealed auto-unlock is not set up: lnd waits for a manual unlock after every restart",
                         fix: "`casa-backupd unlock setup` while lnd is locked (docs/agent.md), if this node should unlock itself after a power cut")
        }
        let warnings = report.warnings.joined(separator: "; ")
        switch report.vault {
        case "revoked":
            return .fail(name, "set up, but the vault no longer releases this device's share: \(warnings)",
                         fix: "the owner revoked this device: unlock lnd by hand, then enroll this box again and run `casa-backupd unlock setup`")
        case "not asked":
            return .fail(name, "set up (\(report.sealPath)), but the vault cannot be asked: \(warnings)",
                         fix: "set vault_url, and check the enrollment check: half of the seal is in the vault")
        default:
            break
        }
        if report.warnings.contains(where: { $0.contains("it must be 0600") }) {
            return .fail(name, "set up, but \(warnings)", fix: "`chmod 0600 \(report.sealPath)` (owned by the agent's user)")
        }
        if report.vault != "armed" || !report.warnings.isEmpty {
            return .warn(name, "set up; vault release \(report.vault)\(warnings.isEmpty ? "" : ": " + warnings)",
                         fix: report.vault == "locked"
                            ? "keep the agent running with lnd unlocked: its liveness heartbeat re-arms the release"
                            : "see the vault and enrollment checks; `casa-backupd unlock status` shows the details")
        }
        return .ok(name, "set up (\(report.sealPath), mode \(report.sealMode ?? "?")); the vault would release the share now")
    }
}
