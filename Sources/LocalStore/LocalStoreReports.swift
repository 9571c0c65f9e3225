import Foundation

/// What opening the store found: catalog repairs, damaged files, a missing second copy.
public struct OpeningReport: Sendable {
    public let reconciliation: CatalogReconciliation
    public let corruptions: [SnapshotCorruption]
    public let secondaryError: String?
}

/// What one retention pass kept and removed (sequences, newest first).
public struct RetentionReport: Sendable, Equatable {
    public var kept: [UInt64] = []
    public var removed: [UInt64] = []
    public var corruptions: [SnapshotCorruption] = []
}

/// The result of copying the newest snapshot to the second directory.
public enum MirrorOutcome: Sendable, Equatable {
    case notConfigured
    case nothingToMirror
    case mirrored(UInt64)
    case failed(String)

    /// The error text of a failed mirror.
    public var failureMessage: String? {
        if case .failed(let message) = self { return message }
        return nil
    }
}

/// A snapshot to upload, already read back and verified.
public struct UploadJob: Sendable, Equatable {
    public let snapshot: StoredSnapshot
    public let attempts: Int
    public let notBefore: Date
    public let lastError: String?

    public func isDue(at date: Date) -> Bool { notBefore <= date }
}

/// For `casa-backupd status` and metrics.
public struct LocalStoreStatus: Sendable {
    public let latest: SnapshotMetadata?
    public let pendingUploads: Int
    public let destinations: [DestinationStatus]
}

/// The verdict of `LocalSnapshotStore.checkAcknowledged`.
public enum AcknowledgementCheck: Sendable, Equatable {
    case intact(newest: SnapshotMetadata)
    case noIntactSnapshot
    case olderThanAcknowledged(newest: UInt64)
    case acknowledgedContentChanged
}
