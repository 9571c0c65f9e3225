/// The put rules of `BlobStore`, in one place so that every backend decides identically.
public enum PutRules {
    /// Versions fit a signed 64-bit SQL integer.
    public static let maxVersion = UInt64(Int64.max)

    public enum Outcome: Equatable, Sendable {
        /// Store the blob as a new version.
        case store
        /// The same put was already committed: acknowledge it again with the original info.
        case alreadyStored(BlobInfo)
    }

    /// Validates a put before it touches storage.
    /// - Parameters:
    ///   - latestVersion: the highest version ever written for the name (kept or not), 0 if none;
///     version numbers are never reused, so a delete cannot open a rollback.
    ///   - existing: the info of `version` if it is still kept.
    ///   - usedBytes: bytes currently stored in the account.
    ///   - deviceUsedBytes: bytes of kept versions the signing device uploaded (nil: the writer is
    ///     no device, e.g. the owner, and only the account quota applies).
    public static func decide(
        version: UInt64, size: Int, contentHash: ContentHash,
        latestVersion: UInt64, existing: BlobInfo?, usedBytes: Int64, deviceUsedBytes: Int64? = nil, limits: BlobStoreLimits
    ) throws -> Outcome {
        guard version >= 1, version <= maxVersion else {
            throw BlobStoreError(.invalidVersion, "versions start at 1 and stay below 2^63")
        }
        if let existing {
            if existing.contentHash == contentHash { return .alreadyStored(existing) }
            throw BlobStoreError(
                .possibleClone,
                "version \(version) of \(existing.name) already exists with a different snapshot hash: another device (a clone of this one?) is writing to this account; stop and check the devices",
                currentVersion: latestVersion
            )
        }
        guard version == latestVersion + 1 else {
            throw BlobStoreError(
                .versionConflict,
                "expected version \(latestVersion + 1), got \(version): fetch the current version (\(latestVersion)) before writing",
                currentVersion: latestVersion
            )
        }
        guard size <= limits.maxBlobSize else {
            throw BlobStoreError(.tooLarge, "blob is \(size) bytes; the maximum is \(limits.maxBlobSize) bytes")
        }
        guard usedBytes + Int64(size) <= limits.quotaBytes else {
            throw BlobStoreError(
                .quotaExceeded,
                "account quota of \(limits.quotaBytes) bytes is full (\(usedBytes) used): ask the owner to delete old versions or raise the quota; nothing old is deleted automatically"
            )
        }
        if let deviceUsedBytes, deviceUsedBytes + Int64(size) > limits.deviceQuota {
            throw BlobStoreError(
                .quotaExceeded,
                "this device's quota of \(limits.deviceQuota) bytes is full (\(deviceUsedBytes) used): the owner deletes old versions or the operator raises device_quota_bytes; nothing old is deleted automatically",
                detailCode: deviceQuotaExceeded
            )
        }
        return .store
    }

    /// The vault's `error.code` for a full device quota (the storage-level code is `quota_exceeded`).
    public static let deviceQuotaExceeded = "device_quota_exceeded"
}
