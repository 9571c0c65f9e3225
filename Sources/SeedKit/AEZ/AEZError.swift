/// Errors from AEZ.
public enum AEZError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The ciphertext did not authenticate: wrong key, wrong nonce/associated data, or changed bytes.
    case authenticationFailed
    /// The ciphertext is shorter than the authenticator length τ.
    case ciphertextTooShort(count: Int, tau: Int)
    /// τ (in bytes) is negative or larger than `AEZ.maximumTau`.
    case invalidTau(Int)

    public var description: String {
        switch self {
        case .authenticationFailed:
            return "AEZ authentication failed: the key (passphrase), the associated data or the ciphertext is wrong"
        case .ciphertextTooShort(let count, let tau):
            return "AEZ ciphertext of \(count) bytes is shorter than its \(tau)-byte authenticator; the data is truncated"
        case .invalidTau(let tau):
            return "AEZ authenticator length must be 0...\(AEZ.maximumTau) bytes, got \(tau)"
        }
    }
}
