/// Fixed protocol limits (docs/vault-api.md, "Limits"); server-configurable limits live in its config.
public enum VaultLimits {
    /// Sealed-secret slots are small: a wrapped key share, not a backup.
    public static let maxSealedSecretSize = 4096
    /// JSON request bodies (account, device, policy) are tiny.
    public static let maxJSONBodySize = 16 * 1024
    /// Header fields per request (more is 431 `headers_too_large`, as is a header block over the
    /// server's `max_header_bytes`).
    public static let maxHeaderFields = 100
    /// Content type of blob and sealed-secret bodies.
    public static let blobContentType = "application/octet-stream"
    public static let jsonContentType = "application/json"
}
