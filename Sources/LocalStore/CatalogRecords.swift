import Foundation

/// Where a snapshot copy goes; each has a "last success" row in the catalog.
public enum SnapshotDestination: String, Sendable, CaseIterable {
    case primary, secondary, vault
}

/// Lifecycle of a snapshot row in the catalog.
public enum CatalogSnapshotState: String, Sendable {
    /// The file is on disk and verified.
    case stored
    /// Removed by retention after newer versions were durable and verified.
    case pruned
    /// The catalog knew it but the file was gone at the last reconciliation.
    case missing
    /// The file failed verification at the last reconciliation.
    case corrupt
}

/// Lifecycle of an upload-queue entry.
public enum UploadState: String, Sendable {
    case pending
    /// The vault acknowledged it (the content hash was the idempotency key).
    case uploaded
    /// Never uploaded because a newer version replaced it before the vault was reachable.
    case superseded
}

/// One catalog row about a snapshot.
public struct CatalogSnapshot: Sendable, Equatable {
    public let metadata: SnapshotMetadata
    public let state: CatalogSnapshotState
}

/// The head of the upload queue.
public struct UploadQueueHead: Sendable, Equatable {
    public let sequence: UInt64
    public let contentHash: [UInt8]
    /// Failed attempts so far.
    public let attempts: Int
    /// Not to be tried before this time (backoff after failures).
    public let notBefore: Date
    public let lastError: String?
}

/// Last success and failure of one destination, for `status` and metrics.
public struct DestinationStatus: Sendable, Equatable {
    public let destination: SnapshotDestination
    public let lastSuccessAt: Date?
    public let lastSuccessSequence: UInt64?
    public let lastFailureAt: Date?
    public let lastError: String?
}

/// What reconciling the catalog with the files changed.
public struct CatalogReconciliation: Sendable, Equatable {
    /// Files found on disk that the catalog did not know as stored (rebuilt rows).
    public var added: [UInt64] = []
    /// Rows whose file was gone.
    public var missing: [UInt64] = []
    /// Rows whose file failed verification.
    public var corrupt: [UInt64] = []

    public init(added: [UInt64] = [], missing: [UInt64] = [], corrupt: [UInt64] = []) {
        self.added = added
        self.missing = missing
        self.corrupt = corrupt
    }
}
