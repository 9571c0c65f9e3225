import BackupCore
import BlobStorage
import Sodium

/// The versions of one blob (`scb/multi` under one coin type's keys) in the vault, read
/// through any `BlobStore` (the vault client signs as the owner).
public struct VaultSnapshotSource: SnapshotSource {
    public let store: any BlobStore
    public let blob: BlobName
    /// Page size for version listings.
    static let pageSize = 500
    /// More versions than any retention policy keeps; stops a hostile store from looping us.
    static let maximumVersions = 100_000

    public init(store: any BlobStore, blob: BlobName) {
        self.store = store
        self.blob = blob
    }

    public var name: String { "the vault" }

    public func snapshots() async throws -> [SnapshotReference] {
        let name = blob
        var out: [SnapshotReference] = []
        var after: UInt64?
        while out.count < Self.maximumVersions {
            let page: [BlobInfo]
            do {
                page = try await store.versions(of: name, after: after, limit: Self.pageSize)
            } catch let error as BlobStoreError where error.code == .notFound {
                return out
            } catch let error as BlobStoreError {
                throw RecoveryError(vault: error)
            }
            out += page.map {
                SnapshotReference(origin: .vault(version: $0.version), storedAt: $0.storedAt, size: $0.size, contentHash: $0.contentHash.bytes)
            }
            guard page.count == Self.pageSize, let last = page.last?.version, last > (after ?? 0) else { break }
            after = last
        }
        return out
    }

    public func envelope(_ reference: SnapshotReference) async throws -> [UInt8] {
        guard case .vault(let version) = reference.origin else {
            throw RecoveryError.invalidBackup("\(reference.label) is not a vault version")
        }
        do {
            return try await store.get(blob, version: version).data
        } catch let error as BlobStoreError {
            throw RecoveryError(vault: error)
        }
    }
}
