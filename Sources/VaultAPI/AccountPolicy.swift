import BlobStorage

/// The owner's policies (`PUT /v1/accounts/{account}/policy`).
public struct AccountPolicy: Codable, Sendable, Hashable {
    /// Default release window: 3 days without a liveness heartbeat locks the sealed secrets.
    public static let defaultReleaseWindowSeconds: Int64 = 3 * 24 * 3600

    /// The sealed secrets are released only while the last liveness heartbeat is at most this old.
    /// Once a longer gap has passed they stay locked until a new heartbeat re-arms them. 0 disables release.
    public var releaseWindowSeconds: Int64
    public var retention: RetentionPolicy

    public init(releaseWindowSeconds: Int64 = defaultReleaseWindowSeconds, retention: RetentionPolicy = .default) {
        self.releaseWindowSeconds = releaseWindowSeconds
        self.retention = retention
    }

    public static let `default` = AccountPolicy()

    /// Nil if valid, else a message for the owner.
    public var problem: String? {
        if releaseWindowSeconds < 0 || releaseWindowSeconds > 366 * 24 * 3600 {
            return "releaseWindowSeconds must be between 0 and 31622400 (366 days)"
        }
        return retention.problem
    }
}
