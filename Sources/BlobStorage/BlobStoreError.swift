/// Every way a blob store operation can fail, with a message that says what to do.
///
/// `code` raw values are the `error.code` strings of the vault HTTP API (docs/vault-api.md),
/// so a remote store and a local one fail in the same, matchable way.
public struct BlobStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A malformed request the caller must fix (a bug, never retried).
        case badRequest = "bad_request"
        case invalidName = "invalid_name"
        case invalidContentHash = "invalid_content_hash"
        case invalidVersion = "invalid_version"
        case notFound = "not_found"
        /// The put's version is not the next one: someone else already wrote it (stale writer).
        case versionConflict = "version_conflict"
        /// The same version already exists with a different content hash: a possible cloned device.
        case possibleClone = "possible_clone"
        case tooLarge = "too_large"
        case quotaExceeded = "quota_exceeded"
        case unauthorized = "unauthorized"
        case forbidden = "forbidden"
        case rateLimited = "rate_limited"
        /// The store could not be reached or failed; worth retrying later.
        case unavailable = "unavailable"
    }

    public let code: Code
    public let message: String
    /// For `versionConflict`/`possibleClone`: the latest version the store holds.
    public let currentVersion: UInt64?
    /// For `rateLimited`/`unavailable`: seconds to wait before retrying, when known.
    public let retryAfterSeconds: Int?
    /// The remote store's own, finer error code when it has one (the vault's `error.code`, e.g.
    /// `device_revoked` or `release_locked`, both `forbidden` here), so callers can say why.
    public let detailCode: String?

    public init(_ code: Code, _ message: String, currentVersion: UInt64? = nil, retryAfterSeconds: Int? = nil, detailCode: String? = nil) {
        self.code = code
        self.message = message
        self.currentVersion = currentVersion
        self.retryAfterSeconds = retryAfterSeconds
        self.detailCode = detailCode
    }

    public var description: String { message }

    /// True when retrying the same call later may succeed (never for 4xx-like failures).
    public var isTransient: Bool { code == .unavailable }
}
