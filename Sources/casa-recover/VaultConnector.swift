import BackupCore
import Recovery

/// Connects to the vault as the owner. The HTTP client (`VaultClient`) is wired here.
enum VaultConnector {
    static func connect(url: String, owner: OwnerKey) throws -> any OwnerVault {
        throw RecoveryError.vaultUnavailable("this build of casa-recover has no vault client yet (\(url))")
    }
}
