import LightningTypes

/// Errors from BIP32 key handling, each with what to check.
public enum BIP32Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not Base58, or the Base58Check checksum fails: a character is wrong or missing.
    case invalidBase58
    /// The decoded key is not 78 bytes.
    case wrongLength(Int)
    /// The 4-byte version is not a private extended key we know (xprv, tprv, sprv).
    case unknownVersion([UInt8])
    /// The key's version prefix belongs to a different network than the one asked for.
    case networkMismatch(expected: BitcoinNetwork, keyPrefix: String)
    /// The key data is not 0x00 followed by a valid secp256k1 scalar.
    case invalidPrivateKey
    /// A depth-0 key with a non-zero parent fingerprint or child number.
    case invalidMasterKey
    /// The seed is not 16 to 64 bytes.
    case invalidSeedLength(Int)
    /// Deriving more than 255 levels deep.
    case depthExceeded
    /// The (astronomically rare) child index that gives an invalid key; use the next index.
    case invalidChild(UInt32)

    public var description: String {
        switch self {
        case .invalidBase58:
            return "not a valid extended key: the Base58Check checksum fails; a character is wrong or missing"
        case .wrongLength(let n):
            return "not a valid extended key: it decodes to \(n) bytes instead of 78; check that it was copied whole"
        case .unknownVersion(let v):
            return "not an extended private key (version \(v.map { String($0, radix: 16) }.joined(separator: " "))); "
                + "give the xprv/tprv root key, not an xpub or a key of another coin"
        case .networkMismatch(let expected, let prefix):
            return "this is a \(prefix) key, which does not belong to \(expected.rawValue); choose the matching --network"
        case .invalidPrivateKey:
            return "the extended key holds no valid private key; it is corrupt or not a private key"
        case .invalidMasterKey:
            return "the extended key claims depth 0 but has a parent; it is corrupt"
        case .invalidSeedLength(let n):
            return "a BIP32 seed must be 16 to 64 bytes, got \(n)"
        case .depthExceeded:
            return "BIP32 paths are at most 255 levels deep"
        case .invalidChild(let index):
            return "child \(index) gives an invalid key (probability below 2^-127); use the next index"
        }
    }
}
