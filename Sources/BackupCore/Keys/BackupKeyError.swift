/// Errors from our key hierarchy (docs/design.md §4). Each message says what to check.
public enum BackupKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// lnd's DeriveSharedKey answer was not 32 bytes.
    case invalidSharedKeyLength(Int)
    /// The aezeed entropy was not 16 bytes.
    case invalidEntropyLength(Int)
    /// A stored Ed25519 seed (device key file) was not 32 bytes.
    case invalidSeedLength(Int)
    /// No NUMS point found within the iteration bound (never happens for real labels).
    case noDomainPoint(label: String)

    public var description: String {
        switch self {
        case .invalidSharedKeyLength(let n):
            return "lnd's DeriveSharedKey returned \(n) bytes, expected 32: check that lnd is unlocked and the macaroon allows signer:generate"
        case .invalidEntropyLength(let n):
            return "aezeed entropy must be 16 bytes, got \(n): the seed was not decoded correctly"
        case .invalidSeedLength(let n):
            return "a device key file must hold a 32-byte Ed25519 seed, got \(n) bytes: the file is damaged; re-enroll the device"
        case .noDomainPoint(let label):
            return "no curve point found for domain label \"\(label)\""
        }
    }
}
