/// `POST /v1/challenges` → a single-use challenge for `Casa-Freshness: c=<challenge>`.
public struct ChallengeResponse: Codable, Sendable, Hashable {
    public var challenge: String
    /// Unix milliseconds, server clock.
    public var expiresAt: Int64
    public var serverTime: Int64

    public init(challenge: String, expiresAt: Int64, serverTime: Int64) {
        self.challenge = challenge
        self.expiresAt = expiresAt
        self.serverTime = serverTime
    }
}
