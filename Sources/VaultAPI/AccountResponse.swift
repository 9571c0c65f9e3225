/// `GET /v1/accounts/{account}` (owner or device). Devices are listed for the owner only.
public struct AccountResponse: Codable, Sendable, Hashable {
    public var account: String
    public var ownerKey: String
    public var livenessKey: String
    public var createdAt: Int64
    public var disabled: Bool
    public var usedBytes: Int64
    public var quotaBytes: Int64
    public var maxBlobSize: Int
    public var policy: AccountPolicy
    /// Unix milliseconds of the last liveness heartbeat, server clock.
    public var lastHeartbeatAt: Int64?
    /// True while the sealed secrets would be released (heartbeat within the window).
    public var releaseArmed: Bool
    public var devices: [DeviceInfo]?
    /// Things the owner should act on, e.g. "quota 92% full".
    public var warnings: [String]
    /// The quota of each device key (bytes of the kept versions it uploaded).
    public var deviceQuotaBytes: Int64?
    /// For the owner: the bytes of kept versions each device key uploaded, by hex key (junk
    /// uploaded with a stolen key shows here).
    public var deviceUsedBytes: [String: Int64]?

    public init(
        account: String, ownerKey: String, livenessKey: String, createdAt: Int64, disabled: Bool,
        usedBytes: Int64, quotaBytes: Int64, maxBlobSize: Int, policy: AccountPolicy,
        lastHeartbeatAt: Int64?, releaseArmed: Bool, devices: [DeviceInfo]?, warnings: [String], deviceQuotaBytes: Int64? = nil
    ) {
        self.deviceQuotaBytes = deviceQuotaBytes
        self.account = account
        self.ownerKey = ownerKey
        self.livenessKey = livenessKey
        self.createdAt = createdAt
        self.disabled = disabled
        self.usedBytes = usedBytes
        self.quotaBytes = quotaBytes
        self.maxBlobSize = maxBlobSize
        self.policy = policy
        self.lastHeartbeatAt = lastHeartbeatAt
        self.releaseArmed = releaseArmed
        self.devices = devices
        self.warnings = warnings
    }
}

/// One registered device as the owner sees it.
public struct DeviceInfo: Codable, Sendable, Hashable {
    public var key: String
    public var label: String
    public var createdAt: Int64
    public var revokedAt: Int64?
    public var lastSeenAt: Int64?
    public var hasSealedSecret: Bool

    public init(key: String, label: String, createdAt: Int64, revokedAt: Int64?, lastSeenAt: Int64?, hasSealedSecret: Bool) {
        self.key = key
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastSeenAt = lastSeenAt
        self.hasSealedSecret = hasSealedSecret
    }
}
