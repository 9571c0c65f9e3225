public import CurlHTTP
public import VaultAPI
import BlobStorage

/// Where the vault is, which account to use, and how to get there.
public struct VaultClientConfiguration: Sendable {
    /// How requests prove freshness (docs/vault-api.md, "Freshness").
    public enum FreshnessMode: Sendable {
        /// `t=<seconds>`, corrected by the offset measured from the server's Casa-Server-Time.
        case timestamp
        /// A single-use server challenge per request: for devices without a real-time clock.
        case challenge
    }

    /// e.g. https://vault.example.org or http://abc….onion (through Tor).
    public var baseURL: String
    public var account: AccountID
    public var security: TransportSecurity
    public var proxy: SOCKSProxy?
    public var timeouts: HTTPTimeouts
    public var retry: RetryPolicy
    public var freshness: FreshnessMode

    public init(baseURL: String, account: AccountID, security: TransportSecurity, proxy: SOCKSProxy? = nil,
                timeouts: HTTPTimeouts? = nil, retry: RetryPolicy = .standard, freshness: FreshnessMode = .timestamp) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.account = account
        self.security = security
        self.proxy = proxy
        self.timeouts = timeouts ?? (proxy == nil ? .standard : .tor)
        self.retry = retry
        self.freshness = freshness
    }
}
