import BackupCore
import Recovery

/// Connects to the vault as the owner, through `VaultClient` (signed requests, retries).
enum VaultConnector {
    static func connect(url: String, owner: OwnerKey) throws -> any OwnerVault {
        try RemoteOwnerVault.connect(url: url, owner: owner)
    }
}
