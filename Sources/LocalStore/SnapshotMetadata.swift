import Foundation

/// What the store knows about one sealed snapshot. The sealed bytes themselves are opaque here
/// (our envelope, written by BackupCore); the store only checks that they come back unchanged.
public struct SnapshotMetadata: Sendable, Hashable, CustomStringConvertible {
    /// Strictly increasing per store, never reused (gaps are allowed after a failed write).
    public let sequence: UInt64
    /// When the agent took the snapshot, in unix milliseconds (the stored precision).
    public let createdAtMilliseconds: Int64
    /// Number of channels in the lnd Multi, for status and metrics.
    public let channelCount: Int
    /// The channel-set digest of the decrypted lnd Multi (SHA-256 of its canonical form, docs/scb-format.md): equal digests mean an unchanged channel set (lnd
    /// re-encrypts every export with a fresh nonce, so only the plaintext can be compared).
    public let multiHash: [UInt8]
    /// SHA-256 of the sealed bytes: checked on every read, and the upload idempotency key.
    public let contentHash: [UInt8]
    /// Length of the sealed bytes.
    public let size: Int

    public init(sequence: UInt64, createdAtMilliseconds: Int64, channelCount: Int, multiHash: [UInt8], contentHash: [UInt8], size: Int) {
        self.sequence = sequence
        self.createdAtMilliseconds = createdAtMilliseconds
        self.channelCount = channelCount
        self.multiHash = multiHash
        self.contentHash = contentHash
        self.size = size
    }

    /// When the agent took the snapshot.
    public var createdAt: Date { Date(timeIntervalSince1970: Double(createdAtMilliseconds) / 1000) }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public var description: String {
        "snapshot #\(sequence) (\(channelCount) channels, \(size) bytes, \(SnapshotFileFormat.hex(contentHash.prefix(8))))"
    }
}

/// A snapshot read back from disk and verified: its bytes hash to `metadata.contentHash`.
public struct StoredSnapshot: Sendable, Equatable {
    public let metadata: SnapshotMetadata
    public let sealed: [UInt8]
}
