import BackupCore
import BlobStorage
import ArgumentParser
import Recovery
import VaultClient

/// Connects to the vault as the owner, through `VaultClient` (signed requests, retries).
enum VaultConnector {
    static func connect(url: String, owner: OwnerKey, transport: VaultTransportOptions) throws -> any OwnerVault {
        do {
            return try RemoteOwnerVault.connect(url: url, owner: owner, transport: transport.settings)
        } catch let error as BlobStoreError {
            throw RecoveryError(vault: error)
        } catch let error as VaultTransportError {
            throw ValidationError(error.description)
        }
    }
}
