import BackupAgent
import BlobStorage

/// Builds the real lnd, store and vault connections for a configuration. Each piece is a
/// separate target (LNDClient, LocalStore, VaultClient); until one is wired here the command
/// says so instead of pretending.
enum LiveWiring {
    static func lnd(_ configuration: AgentConfiguration) throws -> any LNDNode {
        throw AgentError.configuration("this build has no lnd REST client wired in yet (LNDClient); see docs/agent.md \"Status of this build\"")
    }

    static func store(_ configuration: AgentConfiguration) throws -> any SnapshotStore {
        throw AgentError.configuration("this build has no local snapshot store wired in yet (LocalStore); see docs/agent.md \"Status of this build\"")
    }

    static func vault(_ configuration: AgentConfiguration) throws -> any BlobStore & VaultControl {
        throw AgentError.configuration("this build has no vault client wired in yet (VaultClient); see docs/agent.md \"Status of this build\"")
    }
}
