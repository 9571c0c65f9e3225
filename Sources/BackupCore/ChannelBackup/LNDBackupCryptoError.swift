/// Why an lnd-encrypted backup blob could not be opened.
public enum LNDBackupCryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shorter than the 24-byte nonce (lnd: "payload size too small").
    case payloadTooSmall(Int)
    /// The Poly1305 tag did not verify.
    case authenticationFailed
    /// The key is not 32 bytes, or the public key is not a 33-byte compressed point.
    case invalidKey(String)

    public var description: String {
        switch self {
        case .payloadTooSmall(let count):
            return "payload size too small: \(count) bytes cannot be an lnd channel backup (at least 24 + 16 are needed); "
                + "the file is truncated or not a backup"
        case .authenticationFailed:
            return "could not decrypt the channel backup: this backup was not made by this seed, or the file is corrupt "
                + "(check the 24 words and the passphrase, and that this is the node's own channel.backup)"
        case .invalidKey(let reason):
            return "invalid lnd backup key: \(reason)"
        }
    }
}
