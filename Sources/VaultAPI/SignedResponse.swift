/// The message the vault's response key signs for each answer to a signed request
/// (docs/vault-api.md, "Signed responses"). Pure: hashing and signing are done by the caller
/// with libsodium (`Sodium.SHA256`, `Sodium.Ed25519`).
///
/// The message is 120 bytes, fixed fields with no separators:
///
///     "casa-vault/response/v1"   22 ASCII bytes
///     request signature          64 bytes: the Casa-Signature (decoded) this answers
///     status                     2 bytes, big-endian HTTP status code
///     body-sha256                32 bytes: SHA-256 of the response body (of "" if none)
///
/// The request's signature binds the answer to that one request: it covers the method, path,
/// body hash, key and a single-use nonce, so an answer (a receipt) cannot be replayed for
/// another request. Signing the status and body means a 201 cannot be made out of a 409.
public enum SignedResponse {
    public static let domain = "casa-vault/response/v1"
    public static let messageByteCount = 22 + 64 + 2 + 32

    /// The bytes to sign and verify; nil unless the signature is 64 bytes and the hash 32.
    public static func message(requestSignature: [UInt8], status: Int, bodySHA256: [UInt8]) -> [UInt8]? {
        guard requestSignature.count == 64, bodySHA256.count == 32, (0...0xFFFF).contains(status) else { return nil }
        var message: [UInt8] = []
        message.reserveCapacity(messageByteCount)
        message.append(contentsOf: domain.utf8)
        message.append(contentsOf: requestSignature)
        message.append(UInt8(status >> 8))
        message.append(UInt8(status & 0xFF))
        message.append(contentsOf: bodySHA256)
        return message
    }
}
