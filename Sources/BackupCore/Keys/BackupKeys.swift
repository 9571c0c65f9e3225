import BlobStorage

/// Everything the agent and the recovery tool derive from the backup root, at once
/// (docs/design.md §4.3–4.5). Lives in memory only, while lnd is unlocked (agent) or while
/// `casa-recover` runs.
public struct BackupKeys: Sendable {
    public let envelope: EnvelopeKey
    public let blobNames: BlobNameKey
    public let liveness: LivenessKey
    public let localTags: LocalTagKey

    public init(root: BackupRoot) throws {
        envelope = try root.envelopeKey()
        blobNames = try root.blobNameKey()
        liveness = try root.livenessKey()
        localTags = try root.localTagKey()
    }

    /// The vault blob name of lnd's Multi SCB (`LogicalName.multiChannelBackup`).
    public var multiChannelBackupBlob: BlobName {
        blobNames.blobName(for: LogicalName.multiChannelBackup)
    }
}
