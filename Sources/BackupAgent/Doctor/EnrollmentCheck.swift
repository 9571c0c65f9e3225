import BackupCore
import BlobStorage
import Codecs
import Foundation
import VaultAPI
import VaultClient

/// The account (configuration or `state_dir/account`) and this device's key exist, and the vault
/// knows this device and has not revoked it (`GET /v1/accounts/{account}` signed by the device
/// key: a read that changes nothing).
public struct EnrollmentCheck: DoctorCheck {
    public let name = "enrollment"
    let configuration: AgentConfiguration

    public init(configuration: AgentConfiguration) {
        self.configuration = configuration
    }

    static let enrollFix = "run `casa-backupd enroll`"

    public func run() async -> DoctorResult {
        let account: AccountID
        let deviceKey: DeviceKey
        do {
            account = try configuration.accountID()
            deviceKey = try Enrollment.loadDeviceKey(at: configuration.deviceKeyPath)
        } catch {
            return .fail(name, "\(error)", fix: Self.enrollFix)
        }
        guard let url = configuration.vaultURL else {
            return .warn(name, "account \(account.hex.prefix(16))… and device key present; no vault_url to ask", fix: DoctorVault.vaultURLFix)
        }
        do {
            let client = try DoctorVault.client(configuration, url: url, account: account, key: deviceKey.keyPair)
            let answer = try await client.account()
            if answer.disabled {
                return .fail(name, "the vault's operator disabled account \(account.hex.prefix(16))…", fix: "ask the vault's operator")
            }
            return .ok(name, "account \(account.hex.prefix(16))…, device \(Hex.encode(Array(deviceKey.publicKey.prefix(8))))… enrolled and not revoked")
        } catch let error as BlobStoreError {
            switch error.detailCode {
            case VaultErrorCode.deviceRevoked.rawValue?:
                return .fail(name, "the owner revoked this device in the vault: it can no longer upload, heartbeat or fetch its unlock share",
                             fix: "if this box is yours, move \(configuration.deviceKeyPath) aside and enroll it again with a new device key: \(Self.enrollFix)")
            case VaultErrorCode.accountNotFound.rawValue?:
                return .fail(name, "the vault at \(url) has no account \(account.hex.prefix(16))…",
                             fix: "check that vault_url is the vault this device enrolled with; otherwise \(Self.enrollFix)")
            case VaultErrorCode.forbidden.rawValue?, VaultErrorCode.deviceNotFound.rawValue?:
                return .fail(name, "the vault does not know this device in account \(account.hex.prefix(16))…: \(error.message)",
                             fix: "register it again: \(Self.enrollFix)")
            case VaultErrorCode.accountDisabled.rawValue?:
                return .fail(name, "the vault's operator disabled account \(account.hex.prefix(16))…", fix: "ask the vault's operator")
            default:
                return .warn(name, "account and device key present; the vault could not confirm them: \(error.message)", fix: "see the vault check")
            }
        } catch {
            return .warn(name, "account and device key present; the vault could not confirm them: \(error)", fix: "see the vault check")
        }
    }
}
