/// HTTP header names of the vault API (docs/vault-api.md, "Authentication" and "Blobs").
/// HTTP header names are case-insensitive; these are the canonical spellings.
public enum VaultHeader {
    /// Hex Ed25519 public key that signed the request (owner, device or liveness key).
    public static let key = "Casa-Key"
    /// `t=<unix seconds>` or `c=<server challenge>` (see `Freshness`).
    public static let freshness = "Casa-Freshness"
    /// 32 hex digits, random per request; the server rejects a repeated (key, nonce).
    public static let nonce = "Casa-Nonce"
    /// Hex Ed25519 signature (128 digits) over `SignedRequest.canonicalMessage`.
    public static let signature = "Casa-Signature"

    /// Account creation when the operator requires an invite: the token the operator gave.
    public static let invite = "Casa-Invite"
    /// Account creation when the operator requires a proof of work: `<challenge>:<counter>`
    /// (docs/vault-api.md "Opening an account").
    public static let work = "Casa-Work"

    /// Put: the snapshot hash (64 hex digits), the idempotency key of the put.
    public static let contentHash = "Casa-Content-Hash"
    /// Get responses: version number, size, and commit time (Unix milliseconds) of the returned blob.
    public static let version = "Casa-Version"
    public static let storedAt = "Casa-Stored-At"
    /// Every response: the server's clock in Unix milliseconds, so a client without a real-time
    /// clock can see how far off it is.
    public static let serverTime = "Casa-Server-Time"
    /// Every response to a signed request: hex Ed25519 signature (128 digits) by the vault's
    /// response key over `SignedResponse.message` (docs/vault-api.md "Signed responses").
    public static let responseSignature = "Casa-Response-Signature"
}
