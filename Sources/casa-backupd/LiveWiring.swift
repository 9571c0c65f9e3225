import BackupAgent
import BackupCore
import BlobStorage

/// Builds the real lnd, store and vault connections for a configuration. A piece whose target
/// is not wired in yet says so instead of pretending.
enum LiveWiring {
    static func lnd(_ configuration: AgentConfiguration) throws -> any LNDNode {
        LNDClientNode(configuration: configuration)
    }

    static func store(_ configuration: AgentConfiguration) throws -> any SnapshotStore {
        try LocalStoreAdapter(configuration: configuration)
    }

    /// The vault signed with this device's key; without `vault_url`, snapshots stay queued locally.
    static func vault(_ configuration: AgentConfiguration) throws -> any BlobStore & VaultControl {
        guard let url = configuration.vaultURL else {
            return NoVault(reason: "no vault_url configured: snapshots are kept locally and queued")
        }
        return try VaultConnection(
            baseURL: url, transport: configuration.vaultTransport, account: configuration.accountID(), deviceKey: Enrollment.loadDeviceKey(at: configuration.deviceKeyPath),
            responseKey: RecordedVaultKey.pin(path: configuration.vaultResponseKeyPath))
    }

    /// For `unlock`: the vault signed with this device's key (the unlock share's slot).
    static func unlockVault(_ configuration: AgentConfiguration) throws -> VaultConnection {
        guard let url = configuration.vaultURL else {
            throw AgentError.configuration("set vault_url (or --vault-url): sealed auto-unlock keeps half of the seal in the vault")
        }
        return try VaultConnection(
            baseURL: url, transport: configuration.vaultTransport, account: configuration.accountID(), deviceKey: Enrollment.loadDeviceKey(at: configuration.deviceKeyPath),
            responseKey: RecordedVaultKey.pin(path: configuration.vaultResponseKeyPath))
    }

    /// For `enroll`: the account is not known yet, the owner key decides it.
    static func enrollmentVault(_ configuration: AgentConfiguration, account: AccountID, invite: String? = nil) throws -> any BlobStore & VaultControl {
        guard let url = configuration.vaultURL else {
            throw AgentError.configuration("set vault_url (or --vault-url) to enroll")
        }
        // The vault's response key is recorded here, at the first answer (trust on first use).
        return try VaultConnection(
            baseURL: url, transport: configuration.vaultTransport, account: account, deviceKey: DeviceKey.generate(),
            responseKey: RecordedVaultKey.pin(path: configuration.vaultResponseKeyPath), invite: invite)
    }
}
