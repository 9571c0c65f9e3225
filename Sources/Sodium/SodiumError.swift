/// Errors from the libsodium wrappers. Messages say what went wrong and what to check.
public enum SodiumError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An AEAD tag did not verify: wrong key, or the bytes were changed.
    case authenticationFailed
    /// An input had the wrong length.
    case invalidLength(what: String, expected: Int, got: Int)
    /// libsodium could not allocate secure memory (mlock limit reached?).
    case outOfSecureMemory
    /// A primitive reported failure (for example scrypt with impossible parameters).
    case operationFailed(String)

    public var description: String {
        switch self {
        case .authenticationFailed:
            return "authentication failed: wrong key, or the data was modified"
        case .invalidLength(let what, let expected, let got):
            return "\(what) must be \(expected) bytes, got \(got)"
        case .outOfSecureMemory:
            return "could not allocate locked memory for a secret; raise the memlock limit (ulimit -l)"
        case .operationFailed(let what):
            return "\(what) failed"
        }
    }
}
