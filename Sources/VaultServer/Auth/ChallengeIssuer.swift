import BlobStorage
import Sodium
import VaultAPI
import Codecs

/// Stateless server challenges: `hex(issuedAt[8] || random[16] || tag[16])` where
/// `tag = BLAKE2b-128 keyed with the server secret over issuedAt || random`.
/// Any process holding the same secret (PostgreSQL backend) accepts them; single use is
/// enforced by the `ReplayGuard` when a request spends one.
public struct ChallengeIssuer: Sendable {
    private let secret: SecureBytes
    public let ttlMilliseconds: Int64

    public init(secret: [UInt8], ttlSeconds: Int64) throws {
        self.secret = try SecureBytes(copying: secret)
        self.ttlMilliseconds = ttlSeconds * 1000
    }

    public func issue(now: Int64) -> ChallengeResponse {
        var body = withUnsafeBytes(of: UInt64(now).bigEndian) { Array($0) }
        body += Random.bytes(16)
        let token = Hex.encode(body + tag(body))
        return ChallengeResponse(challenge: token, expiresAt: now + ttlMilliseconds, serverTime: now)
    }

    /// The issue time of a genuine, unexpired challenge; nil otherwise.
    public func verify(_ token: String, now: Int64) -> Int64? {
        guard let bytes = Hex.decode(token), bytes.count == 40 else { return nil }
        let body = Array(bytes[0..<24])
        guard ConstantTime.equals(Array(bytes[24..<40]), tag(body)) else { return nil }
        let issuedAt = Int64(bitPattern: body[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        guard issuedAt <= now + 1000, now - issuedAt <= ttlMilliseconds else { return nil }
        return issuedAt
    }

    private func tag(_ body: [UInt8]) -> [UInt8] {
        BLAKE2b.keyedHash(Array("casa-vault-challenge/v1".utf8) + body, key: secret, outputByteCount: 16)
    }
}
