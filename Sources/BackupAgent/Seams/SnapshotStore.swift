public import Foundation

/// The agent's crash-safe local store, as the pipeline sees it (implemented over LocalStore's
/// `LocalSnapshotStore`; in-memory in the tests). `save` returning is the acknowledgement:
/// the snapshot is durable and queued for the vault.
public protocol SnapshotStore: Sendable {
    /// The newest snapshot saved, or nil for an empty store.
    func latestSnapshot() throws -> AgentSnapshotInfo?
    /// The highest sequence this store ever gave a snapshot, intact or not: a corrupt newest
    /// file must not send the next counter back to one already sealed (and maybe uploaded).
    func highestSequenceUsed() throws -> UInt64
    /// Stores a sealed snapshot durably and queues it for upload.
    func save(sealed: [UInt8], multiHash: [UInt8], channelCount: Int, createdAt: Date) throws -> AgentSnapshotInfo
    /// Bytes the store wants free in front of the sealed bytes (`Envelope.seal(reservingPrefix:)`),
    /// so that `stage` writes the buffer as it is and its file header there, instead of copying
    /// the snapshot.
    var headerRoom: Int { get }
    /// Starts storing sealed bytes that follow `headerRoom` bytes of room in `buffer`, before the
    /// caller knows whether it should (lnd's Multi is opened meanwhile): nothing is stored until
    /// the result is committed, and a discarded one leaves nothing behind.
    func stage(sealedAfterHeaderRoom buffer: [UInt8]) throws -> any StagedSnapshot
    /// The oldest snapshot still to upload, verified, or nil when the queue is empty.
    func nextUpload() throws -> PendingUpload?
    func markUploaded(_ upload: PendingUpload, at date: Date) throws
    /// Records a failed attempt and returns when to try again.
    func markUploadFailed(_ upload: PendingUpload, error: String, at date: Date) throws -> Date
    /// Keeps the configured number of versions, never the last good one; returns how many went.
    func applyRetention() throws -> Int
    /// Copies the newest snapshot to the second directory, if one is configured.
    func mirror(at date: Date)
    func pendingUploadCount() throws -> Int
    /// The newest intact snapshot with its sealed bytes, verified on read.
    func readLatest() throws -> StoredAgentSnapshot?
    /// The newest intact snapshot of every copy this store keeps (local, USB), for the history
    /// survey at start-up (`HistorySurvey`).
    func readNewestCopies() throws -> [StoredCopy]
}

extension SnapshotStore {
    /// A store that never loses a file: its newest snapshot's sequence.
    public func highestSequenceUsed() throws -> UInt64 { try latestSnapshot()?.sequence ?? 0 }

    /// A store without a file header of its own needs no room.
    public var headerRoom: Int { 0 }

    /// A store without staging keeps the bytes in memory and saves them when committed.
    public func stage(sealedAfterHeaderRoom buffer: [UInt8]) throws -> any StagedSnapshot {
        HeldSnapshot(store: self, sealed: Array(buffer[min(headerRoom, buffer.count)...]))
    }

    /// A store with one copy: its newest snapshot.
    public func readNewestCopies() throws -> [StoredCopy] {
        try readLatest().map { [StoredCopy(store: "local store", sequence: $0.info.sequence, sealed: $0.sealed, isPrimary: true)] } ?? []
    }
}

/// The newest snapshot of one copy (the local folder, the USB folder), as read back.
public struct StoredCopy: Sendable {
    /// "folder /var/lib/casa/snapshots", for messages and ordering.
    public let store: String
    public let sequence: UInt64
    public let sealed: [UInt8]
    /// The agent's own folder (not the USB copy).
    public let isPrimary: Bool

    public init(store: String, sequence: UInt64, sealed: [UInt8], isPrimary: Bool) {
        self.store = store
        self.sequence = sequence
        self.sealed = sealed
        self.isPrimary = isPrimary
    }
}

/// What the agent knows about one stored snapshot.
public struct AgentSnapshotInfo: Sendable, Hashable {
    /// Strictly increasing per store.
    public let sequence: UInt64
    public let createdAt: Date
    public let channelCount: Int
    /// The channel-set digest of the decrypted lnd Multi (`ChannelSetDigest`; lnd re-encrypts with a fresh nonce and reorders, compare this).
    public let multiHash: [UInt8]
    /// SHA-256 of the sealed bytes: the vault put's idempotency key.
    public let contentHash: [UInt8]

    public init(sequence: UInt64, createdAt: Date, channelCount: Int, multiHash: [UInt8], contentHash: [UInt8]) {
        self.sequence = sequence
        self.createdAt = createdAt
        self.channelCount = channelCount
        self.multiHash = multiHash
        self.contentHash = contentHash
    }
}

/// A snapshot read back and verified, with its sealed bytes.
public struct StoredAgentSnapshot: Sendable, Hashable {
    public let info: AgentSnapshotInfo
    public let sealed: [UInt8]

    public init(info: AgentSnapshotInfo, sealed: [UInt8]) {
        self.info = info
        self.sealed = sealed
    }
}

/// One queued upload, already read back and verified.
public struct PendingUpload: Sendable, Hashable {
    public let snapshot: StoredAgentSnapshot
    public let attempts: Int
    /// Not before this time (backoff after failures).
    public let notBefore: Date

    public init(snapshot: StoredAgentSnapshot, attempts: Int, notBefore: Date) {
        self.snapshot = snapshot
        self.attempts = attempts
        self.notBefore = notBefore
    }
}
