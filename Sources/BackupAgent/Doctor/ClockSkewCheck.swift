import Foundation
import VaultAPI

/// The local clock against the vault's (`serverTime` of a challenge, measured at the midpoint
/// of the request). The agent's requests correct for an offset by themselves, but a clock far
/// off breaks certificate validity checks and makes every time in the logs and status wrong.
public struct ClockSkewCheck: DoctorCheck {
    public let name = "clock"
    let configuration: AgentConfiguration
    /// Beyond this the check warns; beyond `failSeconds` it fails.
    static let warnSeconds: Double = 60
    static let failSeconds: Double = 3600

    public init(configuration: AgentConfiguration) {
        self.configuration = configuration
    }

    static let fix = "synchronize the clock (`timedatectl set-ntp true`, or run chrony/systemd-timesyncd); a Pi without a real-time clock needs network time at boot"

    public func run() async -> DoctorResult {
        guard let url = configuration.vaultURL else {
            return .warn(name, "not checked: no vault_url", fix: DoctorVault.vaultURLFix)
        }
        do {
            let probe = try await DoctorVault.challenge(configuration, url: url)
            return Self.judge(serverMilliseconds: probe.answer.serverTime, sent: probe.sent, received: probe.received)
        } catch {
            return .warn(name, "not checked: the vault does not answer", fix: "see the vault check")
        }
    }

    /// The verdict for a server time seen between `sent` and `received` (local clock).
    static func judge(serverMilliseconds: Int64, sent: Date, received: Date) -> DoctorResult {
        let local = sent.timeIntervalSince1970 + received.timeIntervalSince(sent) / 2
        let skew = local - Double(serverMilliseconds) / 1000
        let words = "this machine's clock is \(Int(abs(skew).rounded())) s \(skew >= 0 ? "ahead of" : "behind") the vault's"
        if abs(skew) >= failSeconds { return .fail("clock", words, fix: fix) }
        if abs(skew) >= warnSeconds { return .warn("clock", words, fix: fix) }
        return .ok("clock", "within \(max(1, Int(abs(skew).rounded()))) s of the vault's")
    }
}
