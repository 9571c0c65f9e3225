/// `POST /v1/challenges` → a single-use challenge for `Casa-Freshness: c=<challenge>`.
public struct ChallengeResponse: Codable, Sendable, Hashable {
    public var challenge: String
    /// Unix milliseconds, server clock.
    public var expiresAt: Int64
    public var serverTime: Int64
    /// Present when opening an account needs a proof of work: the leading zero bits it needs
    /// (docs/vault-api.md "Opening an account").
    public var workBits: Int?

    public init(challenge: String, expiresAt: Int64, serverTime: Int64, workBits: Int? = nil) {
        self.challenge = challenge
        self.expiresAt = expiresAt
        self.serverTime = serverTime
        self.workBits = workBits
    }
}
