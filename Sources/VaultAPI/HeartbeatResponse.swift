/// `POST /v1/accounts/{account}/heartbeats` → what the vault recorded (server clock, Unix ms).
public struct HeartbeatResponse: Codable, Sendable, Hashable {
    /// "liveness" (signed by the liveness key: arms sealed-secret release) or "device" (last seen only).
    public var kind: String
    public var receivedAt: Int64
    public var releaseArmed: Bool

    public init(kind: String, receivedAt: Int64, releaseArmed: Bool) {
        self.kind = kind
        self.receivedAt = receivedAt
        self.releaseArmed = releaseArmed
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
