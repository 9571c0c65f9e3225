/// Versioned, append-only storage of opaque (already encrypted) blobs for one account.
///
/// The contract, checked for every implementation by `BlobStoreConformance` in TestSupport:
/// - `put` writes version `version` of `name`; it must be exactly one more than the latest
///   version (1 for a new name). Returning means the bytes are durably committed.
/// - `contentHash` is the put's idempotency key: retrying a put of an existing version with the
///   same hash returns the original `BlobInfo` and stores nothing; with a different hash it
///   throws `.possibleClone`. A version below the latest with an unknown hash, or one beyond
///   latest + 1, throws `.versionConflict` carrying `currentVersion`.
/// - Nothing is ever overwritten; `get` returns the exact bytes that were put.
/// - Too-large blobs throw `.tooLarge`; a put that would exceed the quota throws
///   `.quotaExceeded` and never makes room by deleting anything.
public protocol BlobStore: Sendable {
    /// Stores `data` as `version` of `name` and returns what was committed.
    func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo

    /// The given version of `name`, or the latest when `version` is nil. Throws `.notFound`.
    func get(_ name: BlobName, version: UInt64?) async throws -> Blob

    /// Every name with its latest version, sorted by name.
    func list() async throws -> [BlobSummary]

    /// The kept versions of `name`, oldest first, starting after `after` (for paging), at most `limit`.
    /// Throws `.notFound` when the name has no versions.
    func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo]
}

extension BlobStore {
    /// The latest version of `name`.
    public func latest(_ name: BlobName) async throws -> Blob {
        try await get(name, version: nil)
    }

    /// The latest version number of `name`, or 0 when the name does not exist yet.
    public func currentVersion(of name: BlobName) async throws -> UInt64 {
        try await list().first { $0.name == name }?.latest.version ?? 0
    }
}
