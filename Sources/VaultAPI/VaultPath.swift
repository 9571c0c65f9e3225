import BlobStorage
import Codecs

/// Paths of the vault API (docs/vault-api.md, "Routes"). Builders for clients; the server
/// registers the same shapes with `:parameters`.
public enum VaultPath {
    public static let health = "/health"
    public static let metrics = "/metrics"
    public static let challenges = "/v1/challenges"
    /// The vault's response public key (unauthenticated).
    public static let vaultKey = "/v1/vault-key"

    public static func account(_ account: AccountID) -> String { "/v1/accounts/\(account.hex)" }
    public static func policy(_ id: AccountID) -> String { account(id) + "/policy" }
    public static func heartbeats(_ id: AccountID) -> String { account(id) + "/heartbeats" }
    public static func devices(_ id: AccountID) -> String { account(id) + "/devices" }
    public static func device(_ account: AccountID, key: [UInt8]) -> String {
        devices(account) + "/" + Hex.encode(key)
    }
    public static func sealedSecret(_ account: AccountID, deviceKey: [UInt8]) -> String {
        device(account, key: deviceKey) + "/sealed-secret"
    }
    public static func blobs(_ id: AccountID) -> String { account(id) + "/blobs" }
    public static func blob(_ account: AccountID, _ name: BlobName) -> String { blobs(account) + "/" + name.rawValue }
    public static func versions(_ account: AccountID, _ name: BlobName) -> String { blob(account, name) + "/versions" }
    public static func version(_ account: AccountID, _ name: BlobName, _ version: UInt64) -> String {
        versions(account, name) + "/\(version)"
    }

    /// Query for paging a version list: `after=<version>&limit=<n>` (either may be omitted).
    public static func versionsQuery(after: UInt64?, limit: Int?) -> String {
        var parts: [String] = []
        if let after { parts.append("after=\(after)") }
        if let limit { parts.append("limit=\(limit)") }
        return parts.joined(separator: "&")
    }
}
