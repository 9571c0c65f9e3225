import BlobStorage

/// The `error.code` strings of vault error responses (docs/vault-api.md, "Errors").
/// Blob-level codes share their spelling with `BlobStoreError.Code`.
public enum VaultErrorCode: String, Sendable, CaseIterable, Codable {
    // Request shape (400, 404, 405, 413, 415, 431)
    case badRequest = "bad_request"
    case invalidJSON = "invalid_json"
    case invalidName = "invalid_name"
    case invalidContentHash = "invalid_content_hash"
    case invalidVersion = "invalid_version"
    case invalidKey = "invalid_key"
    case unsupportedMediaType = "unsupported_media_type"
    case payloadTooLarge = "payload_too_large"
    case routeNotFound = "route_not_found"
    case methodNotAllowed = "method_not_allowed"
    /// The request's header block is over the limit in size or field count (431).
    case headersTooLarge = "headers_too_large"
    // Authentication (401)
    case missingSignature = "missing_signature"
    case badSignature = "bad_signature"
    case staleTimestamp = "stale_timestamp"
    case replayed = "replayed"
    case badChallenge = "bad_challenge"
    case challengeRequired = "challenge_required"
    // Authorisation (403, 404, 409, 423)
    case forbidden = "forbidden"
    case deviceRevoked = "device_revoked"
    case accountDisabled = "account_disabled"
    case accountNotFound = "account_not_found"
    case accountExists = "account_exists"
    case accountMismatch = "account_mismatch"
    /// Account creation needs an invite token from the operator (`Casa-Invite`) (403).
    case inviteRequired = "invite_required"
    /// Account creation needs a proof of work (`Casa-Work`) (403).
    case workRequired = "proof_of_work_required"
    case deviceNotFound = "device_not_found"
    case releaseLocked = "release_locked"
    /// The account's node heartbeated moments ago: it runs and needs no unlock (423).
    case nodeAlive = "node_alive"
    // Blobs (404, 409, 413, 507)
    case notFound = "not_found"
    case versionConflict = "version_conflict"
    case possibleClone = "possible_clone"
    case tooLarge = "too_large"
    case quotaExceeded = "quota_exceeded"
    /// The vault opens no more accounts (`max_accounts`) (507).
    case vaultFull = "vault_full"
    /// The signing device's own quota is full (507); the account may still have room.
    case deviceQuotaExceeded = "device_quota_exceeded"
    // Load (429, 408, 503)
    case rateLimited = "rate_limited"
    case requestTimeout = "request_timeout"
    case unavailable = "unavailable"
    case internalError = "internal_error"

    /// The storage-level meaning of this code, for clients that implement `BlobStore`.
    public var blobStoreCode: BlobStoreError.Code {
        if let same = BlobStoreError.Code(rawValue: rawValue) { return same }
        switch self {
        case .missingSignature, .badSignature, .staleTimestamp, .replayed, .badChallenge, .challengeRequired:
            return .unauthorized
        case .forbidden, .deviceRevoked, .accountDisabled, .accountMismatch, .releaseLocked, .nodeAlive, .accountExists,
             .inviteRequired, .workRequired:
            return .forbidden
        case .accountNotFound, .deviceNotFound, .routeNotFound:
            return .notFound
        case .payloadTooLarge:
            return .tooLarge
        case .deviceQuotaExceeded, .vaultFull:
            return .quotaExceeded
        case .requestTimeout, .internalError:
            return .unavailable
        case .rateLimited:
            return .rateLimited
        default:
            return .badRequest
        }
    }
}
