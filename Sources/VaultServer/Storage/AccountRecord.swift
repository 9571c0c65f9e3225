import VaultAPI
import BlobStorage

/// An account as the server stores it: public keys, policy, usage and devices. Never blob contents.
public struct AccountRecord: Sendable, Hashable {
    public var id: AccountID
    public var ownerKey: [UInt8]
    public var livenessKey: [UInt8]
    /// Unix milliseconds.
    public var createdAt: Int64
    public var disabled: Bool
    public var policy: AccountPolicy
    public var lastHeartbeatAt: Int64?
    public var usedBytes: Int64
    public var devices: [DeviceRecord]

    public init(
        id: AccountID, ownerKey: [UInt8], livenessKey: [UInt8], createdAt: Int64, disabled: Bool = false,
        policy: AccountPolicy = .default, lastHeartbeatAt: Int64? = nil, usedBytes: Int64 = 0, devices: [DeviceRecord] = []
    ) {
        self.id = id
        self.ownerKey = ownerKey
        self.livenessKey = livenessKey
        self.createdAt = createdAt
        self.disabled = disabled
        self.policy = policy
        self.lastHeartbeatAt = lastHeartbeatAt
        self.usedBytes = usedBytes
        self.devices = devices
    }

    public func device(_ key: [UInt8]) -> DeviceRecord? { devices.first { $0.key == key } }

    var access: AccountAccess { AccountAccess(ownerKey: ownerKey, livenessKey: livenessKey, disabled: disabled) }

    /// Seconds until the node counts as quiet, while a liveness heartbeat is younger than
    /// `quietMilliseconds` (the node runs, so a release request comes from a copy); nil when quiet.
    public func nodeAliveFor(now: Int64, quietMilliseconds: Int64) -> Int64? {
        guard quietMilliseconds > 0, let last = lastHeartbeatAt, now - last < quietMilliseconds else { return nil }
        return (quietMilliseconds - (now - last) + 999) / 1000
    }

    /// True while the sealed secrets may be released: the last liveness heartbeat is within the
    /// owner's window. A longer gap keeps them locked until a new heartbeat re-arms them.
    public func releaseArmed(now: Int64) -> Bool {
        guard let last = lastHeartbeatAt, policy.releaseWindowSeconds > 0 else { return false }
        return now - last <= policy.releaseWindowSeconds * 1000 && last <= now + 60_000
    }
}

/// A device key registered by the owner.
public struct DeviceRecord: Sendable, Hashable {
    public var key: [UInt8]
    public var label: String
    public var createdAt: Int64
    public var revokedAt: Int64?
    public var lastSeenAt: Int64?
    public var hasSealedSecret: Bool

    public init(key: [UInt8], label: String, createdAt: Int64, revokedAt: Int64? = nil, lastSeenAt: Int64? = nil, hasSealedSecret: Bool = false) {
        self.key = key
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastSeenAt = lastSeenAt
        self.hasSealedSecret = hasSealedSecret
    }

    public var isRevoked: Bool { revokedAt != nil }
}
