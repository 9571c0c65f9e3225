/// One device of the account, as `revoke-device` shows it (times are Unix milliseconds, vault clock).
public struct VaultDevice: Codable, Sendable, Equatable {
    /// The device's Ed25519 public key, hex.
    public var key: String
    public var label: String
    public var createdAt: Int64
    public var revokedAt: Int64?
    public var lastSeenAt: Int64?

    public init(key: String, label: String, createdAt: Int64, revokedAt: Int64?, lastSeenAt: Int64?) {
        self.key = key
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastSeenAt = lastSeenAt
    }

    enum CodingKeys: String, CodingKey {
        case key, label
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
        case lastSeenAt = "last_seen_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(label, forKey: .label)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(revokedAt, forKey: .revokedAt)
        try c.encode(lastSeenAt, forKey: .lastSeenAt)
    }
}
