import BackupCore
import BlobStorage
import Recovery

/// Connects to the vault as the owner, through `VaultClient` (signed requests, retries).
enum VaultConnector {
    static func connect(url: String, owner: OwnerKey) throws -> any OwnerVault {
        do {
            return try RemoteOwnerVault.connect(url: url, owner: owner)
        } catch let error as BlobStoreError {
            throw RecoveryError(vault: error)
        }
    }
}
