import struct Foundation.Date

/// What the store knows about one stored version of a blob (never its contents).
public struct BlobInfo: Hashable, Sendable {
    public let name: BlobName
    /// Versions count from 1 without gaps.
    public let version: UInt64
    public let size: Int
    public let contentHash: ContentHash
    /// When the store committed it, in the store's clock, millisecond precision.
    public let storedAt: Date

    public init(name: BlobName, version: UInt64, size: Int, contentHash: ContentHash, storedAt: Date) {
        self.name = name
        self.version = version
        self.size = size
        self.contentHash = contentHash
        self.storedAt = storedAt
    }
}

/// One stored version with its bytes.
public struct Blob: Hashable, Sendable {
    public let info: BlobInfo
    public let data: [UInt8]

    public init(info: BlobInfo, data: [UInt8]) {
        self.info = info
        self.data = data
    }
}

/// The newest version of one name, for listings.
public struct BlobSummary: Hashable, Sendable {
    public let latest: BlobInfo
    /// How many versions of this name are currently kept (retention may have pruned old ones).
    public let versionCount: Int

    public init(latest: BlobInfo, versionCount: Int) {
        self.latest = latest
        self.versionCount = versionCount
    }

    public var name: BlobName { latest.name }
}
