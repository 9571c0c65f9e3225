import BackupAgent
import BlobStorage

/// Builds the real lnd, store and vault connections for a configuration. A piece whose target
/// is not wired in yet says so instead of pretending.
enum LiveWiring {
    static func lnd(_ configuration: AgentConfiguration) throws -> any LNDNode {
        LNDClientNode(configuration: configuration)
    }

    static func store(_ configuration: AgentConfiguration) throws -> any SnapshotStore {
        throw AgentError.configuration("this build has no local snapshot store wired in yet (LocalStore); see docs/agent.md \"Status of this build\"")
    }

    /// Without a vault client (or without `vault_url`), snapshots stay queued locally.
    static func vault(_ configuration: AgentConfiguration) throws -> any BlobStore & VaultControl {
        NoVault(reason: configuration.vaultURL == nil
            ? "no vault_url configured: snapshots are kept locally and queued"
            : "this build has no vault client yet (VaultClient): snapshots are kept locally and queued")
    }
}
