import BlobStorage
import struct Foundation.Date

/// JSON form of `BlobInfo`: put receipts and list entries.
public struct BlobInfoDTO: Codable, Sendable, Hashable {
    public var name: String
    public var version: UInt64
    public var size: Int
    /// 64 hex digits.
    public var contentHash: String
    /// Unix milliseconds, server clock.
    public var storedAt: Int64

    public init(_ info: BlobInfo) {
        name = info.name.rawValue
        version = info.version
        size = info.size
        contentHash = info.contentHash.hex
        storedAt = info.storedAt.unixMilliseconds
    }

    /// Back to the model; throws `BlobStoreError` if the server sent something malformed.
    public func model() throws -> BlobInfo {
        BlobInfo(
            name: try BlobName(name), version: version, size: size,
            contentHash: try ContentHash(hex: contentHash), storedAt: Date(unixMilliseconds: storedAt)
        )
    }
}

/// `GET /v1/accounts/{account}/blobs`.
public struct BlobListResponse: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        public var latest: BlobInfoDTO
        public var versionCount: Int

        public init(_ summary: BlobSummary) {
            latest = BlobInfoDTO(summary.latest)
            versionCount = summary.versionCount
        }

        public func model() throws -> BlobSummary {
            BlobSummary(latest: try latest.model(), versionCount: versionCount)
        }
    }

    public var blobs: [Entry]

    public init(_ summaries: [BlobSummary]) { blobs = summaries.map(Entry.init) }
}

/// `GET /v1/accounts/{account}/blobs/{name}/versions?after=&limit=` (oldest first).
public struct VersionListResponse: Codable, Sendable, Hashable {
    public static let defaultLimit = 100
    public static let maxLimit = 1000

    public var name: String
    public var versions: [BlobInfoDTO]
    /// Pass as `after` to get the next page; absent on the last page.
    public var nextAfter: UInt64?

    public init(name: BlobName, versions: [BlobInfo], nextAfter: UInt64?) {
        self.name = name.rawValue
        self.versions = versions.map(BlobInfoDTO.init)
        self.nextAfter = nextAfter
    }
}
