/// `POST /v1/accounts/{account}/heartbeats` → what the vault recorded (server clock, Unix ms).
public struct HeartbeatResponse: Codable, Sendable, Hashable {
    /// "liveness" (signed by the liveness key: arms sealed-secret release) or "device" (last seen only).
    public var kind: String
    public var receivedAt: Int64
    public var releaseArmed: Bool
    /// Unlock-share requests the vault held back since the previous liveness heartbeat because
    /// this node was running: a copy of a device's disk asked (liveness heartbeats only).
    public var heldBackReleases: [HeldBackRelease]

    public init(kind: String, receivedAt: Int64, releaseArmed: Bool, heldBackReleases: [HeldBackRelease] = []) {
        self.kind = kind
        self.receivedAt = receivedAt
        self.releaseArmed = releaseArmed
        self.heldBackReleases = heldBackReleases
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        receivedAt = try c.decode(Int64.self, forKey: .receivedAt)
        releaseArmed = try c.decode(Bool.self, forKey: .releaseArmed)
        heldBackReleases = try c.decodeIfPresent([HeldBackRelease].self, forKey: .heldBackReleases) ?? []
    }
}

/// One held-back unlock-share request: which device key asked, and when (server clock, Unix ms).
public struct HeldBackRelease: Codable, Sendable, Hashable {
    public var deviceKey: String
    public var at: Int64

    public init(deviceKey: String, at: Int64) {
        self.deviceKey = deviceKey
        self.at = at
    }
}

/// `GET /health`.
public struct HealthResponse: Codable, Sendable, Hashable {
    public var status: String
    public var serverTime: Int64

    public init(status: String, serverTime: Int64) {
        self.status = status
        self.serverTime = serverTime
    }
}
