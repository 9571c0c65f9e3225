import BlobStorage
import HTTPTypes
import Sodium
import VaultAPI
import Codecs

/// Checks a request's signature, freshness and single use (docs/vault-api.md "Signed requests").
/// The only place the server verifies Ed25519, through the `Sodium` wrapper.
public struct RequestAuthenticator: Sendable {
    /// The authentication headers, as received.
    public struct Headers: Sendable {
        public var key: String?
        public var freshness: String?
        public var nonce: String?
        public var signature: String?

        public init(key: String?, freshness: String?, nonce: String?, signature: String?) {
            self.key = key
            self.freshness = freshness
            self.nonce = nonce
            self.signature = signature
        }
    }

    /// A request whose signature checked out.
    public struct Verified: Sendable {
        public let key: [UInt8]
        public let freshness: Freshness
    }

    let challenges: ChallengeIssuer
    let replayGuard: any ReplayGuard
    let skewMilliseconds: Int64

    public init(challenges: ChallengeIssuer, replayGuard: any ReplayGuard, skewSeconds: Int64) {
        self.challenges = challenges
        self.replayGuard = replayGuard
        self.skewMilliseconds = skewSeconds * 1000
    }

    public func verify(method: String, target: String, headers: Headers, bodySHA256: [UInt8], now: Int64) async throws -> Verified {
        guard let keyHex = headers.key, let freshnessText = headers.freshness, let nonce = headers.nonce,
              let signatureHex = headers.signature else {
            throw VaultError(.unauthorized, .missingSignature,
                             "sign the request: \(VaultHeader.key), \(VaultHeader.freshness), \(VaultHeader.nonce) and \(VaultHeader.signature) are required",
                             serverTime: now)
        }
        guard let key = Hex.decode(keyHex), key.count == Ed25519.publicKeyByteCount else {
            throw VaultError(.unauthorized, .missingSignature, "\(VaultHeader.key) must be 64 hex digits (an Ed25519 public key)")
        }
        guard let signature = Hex.decode(signatureHex), signature.count == Ed25519.signatureByteCount else {
            throw VaultError(.unauthorized, .missingSignature, "\(VaultHeader.signature) must be 128 hex digits (an Ed25519 signature)")
        }
        guard SignedRequest.isValidNonce(nonce) else {
            throw VaultError(.unauthorized, .missingSignature, "\(VaultHeader.nonce) must be 32 random hex digits")
        }
        guard let freshness = Freshness(header: freshnessText) else {
            throw VaultError(.unauthorized, .missingSignature, "\(VaultHeader.freshness) must be t=<unix seconds> or c=<challenge>")
        }
        let expiresAt = try checkFreshness(freshness, now: now)

        let (path, query) = SignedRequest.splitTarget(target)
        let message = SignedRequest(method: method, path: path, query: query, bodySHA256: bodySHA256, key: key,
                                    freshness: freshness, nonce: nonce).canonicalMessage
        guard Ed25519.verify(signature: signature, message: message, publicKey: key) else {
            throw VaultError(.unauthorized, .badSignature,
                             "the signature does not match this request and key: sign method, path, query, body hash, key, freshness and nonce as in docs/vault-api.md")
        }
        // Single use, recorded only after the signature is valid so nobody can burn others' nonces.
        let token: String = switch freshness {
        // The challenge is hex, decoded in either case: one value, one use (review L3).
        case .challenge(let challenge): "c:" + challenge.lowercased()
        case .timestamp: "n:" + keyHex.lowercased() + ":" + nonce.lowercased()
        }
        guard try await replayGuard.consume(token, expiresAt: expiresAt, now: now) else {
            throw VaultError(.unauthorized, .replayed, "this request was already received: sign every request with a new nonce (and a new challenge)")
        }
        return Verified(key: key, freshness: freshness)
    }

    /// Returns until when the request's single-use record must be kept.
    private func checkFreshness(_ freshness: Freshness, now: Int64) throws -> Int64 {
        switch freshness {
        case .timestamp(let seconds):
            let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            // A guard that forgot what came before it (SQLite's, after a restart) takes no
            // timestamp that a request signed before that could carry: those are at most
            // `skew` ahead of their signing time (review L1). Meanwhile clients use challenges.
            let earliest = replayGuard.notBefore == 0 ? Int64.min : replayGuard.notBefore + skewMilliseconds
            guard !overflow, abs(ms - now) <= skewMilliseconds, ms >= earliest else {
                throw VaultError(.unauthorized, .staleTimestamp,
                                 "the request's timestamp is too far from the server clock (serverTime in this body): fix the clock, or use a challenge from POST /v1/challenges",
                                 serverTime: now)
            }
            return ms + skewMilliseconds
        case .challenge(let token):
            guard let issuedAt = challenges.verify(token, now: now), issuedAt >= replayGuard.notBefore else {
                throw VaultError(.unauthorized, .badChallenge, "the challenge is unknown or expired: get a new one from POST /v1/challenges", serverTime: now)
            }
            return issuedAt + challenges.ttlMilliseconds
        }
    }
}
