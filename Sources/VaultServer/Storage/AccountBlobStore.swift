import BlobStorage
import struct Foundation.Date
import VaultAPI

/// One account of a `VaultRepository` seen as a `BlobStore`: how the conformance suite runs on
/// the server backends, and what the controllers call.
public struct AccountBlobStore: BlobStore {
    public let repository: any VaultRepository
    public let account: AccountID
    public let limits: BlobStoreLimits

    public init(repository: any VaultRepository, account: AccountID, limits: BlobStoreLimits) {
        self.repository = repository
        self.account = account
        self.limits = limits
    }

    public func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo {
        try await repository.putBlob(account, name, version: version, data: data, contentHash: contentHash, limits: limits, now: Date()).info
    }

    public func get(_ name: BlobName, version: UInt64?) async throws -> Blob {
        try await repository.blob(account, name, version: version)
    }

    public func list() async throws -> [BlobSummary] {
        try await repository.listBlobs(account)
    }

    public func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        try await repository.versions(account, name, after: after, limit: limit)
    }
}
