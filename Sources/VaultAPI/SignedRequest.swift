import BlobStorage
import Codecs

/// The canonical form of a vault request that the client signs and the server verifies
/// (docs/vault-api.md, "Signed requests"). Pure: hashing and signing are done by the caller
/// with libsodium (`Sodium.SHA256`, `Sodium.Ed25519`).
///
/// The signed message is these eight lines joined by "\n" (no trailing newline), in UTF-8:
///
///     casa-vault-request/v1
///     <METHOD>            upper case, e.g. PUT
///     <path>              exactly as sent in the request target, e.g. /v1/accounts/ab…/blobs/scb/versions/3
///     <query>             the raw query string without "?", exactly as sent; empty if none
///     <body-sha256>       lowercase hex SHA-256 of the body bytes (of the empty string if no body)
///     <key>               lowercase hex public key, as in Casa-Key
///     <freshness>         the Casa-Freshness value: t=<unix seconds> or c=<challenge>
///     <nonce>             the Casa-Nonce value: 32 lowercase hex digits
///
/// Signing the path and query binds the signature to the account and blob; signing the body
/// hash binds it to the content; the key line stops a signature being replayed under another
/// key; the nonce (and challenge) make each signature single-use.
public struct SignedRequest: Hashable, Sendable {
    public static let domain = "casa-vault-request/v1"
    public static let nonceHexLength = 32

    public var method: String
    public var path: String
    public var query: String
    public var bodySHA256: [UInt8]
    public var key: [UInt8]
    public var freshness: Freshness
    public var nonce: String

    public init(method: String, path: String, query: String, bodySHA256: [UInt8], key: [UInt8], freshness: Freshness, nonce: String) {
        self.method = method
        self.path = path
        self.query = query
        self.bodySHA256 = bodySHA256
        self.key = key
        self.freshness = freshness
        self.nonce = nonce
    }

    /// Splits a raw request target (`/path?query`) into the path and query lines.
    public static func splitTarget(_ target: String) -> (path: String, query: String) {
        // On UTF-8 code units: a Character search walks grapheme clusters, which cost a
        // noticeable share of every request.
        let utf8 = target.utf8
        guard let q = utf8.firstIndex(of: UInt8(ascii: "?")) else { return (target, "") }
        return (String(target[..<q]), String(target[utf8.index(after: q)...]))
    }

    /// The bytes to sign and verify.
    public var canonicalMessage: [UInt8] {
        // Written byte by byte: the server builds one per request, the joined-strings form cost
        // a dozen allocations. `SigningVectorTests` pins the exact bytes.
        var message: [UInt8] = []
        message.reserveCapacity(Self.domain.utf8.count + method.utf8.count + path.utf8.count + query.utf8.count + 2 * (32 + 32) + 64 + 32 + 7)
        message.append(contentsOf: Self.domain.utf8)
        message.append(0x0A)
        message.append(contentsOf: method.utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 })
        message.append(0x0A)
        message.append(contentsOf: path.utf8)
        message.append(0x0A)
        message.append(contentsOf: query.utf8)
        message.append(0x0A)
        Hex.append(bodySHA256, to: &message)
        message.append(0x0A)
        Hex.append(key, to: &message)
        message.append(0x0A)
        message.append(contentsOf: freshness.header.utf8)
        message.append(0x0A)
        message.append(contentsOf: nonce.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
        return message
    }

    /// A nonce header value is exactly 32 hex digits.
    public static func isValidNonce(_ nonce: String) -> Bool {
        nonce.utf8.count == nonceHexLength && Hex.decode(nonce) != nil
    }

    /// The four authentication headers for this request and its signature.
    public func headers(signature: [UInt8]) -> [(name: String, value: String)] {
        [
            (VaultHeader.key, Hex.encode(key)),
            (VaultHeader.freshness, freshness.header),
            (VaultHeader.nonce, nonce.lowercased()),
            (VaultHeader.signature, Hex.encode(signature)),
        ]
    }
}
