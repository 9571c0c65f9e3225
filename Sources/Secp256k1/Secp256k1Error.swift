/// Errors from secp256k1 operations.
public enum Secp256k1Error: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidPrivateKey
    case invalidPublicKey
    case invalidSignature
    case tweakOutOfRange

    public var description: String {
        switch self {
        case .invalidPrivateKey: return "not a valid secp256k1 private key (zero or not below the group order)"
        case .invalidPublicKey: return "not a valid secp256k1 public key"
        case .invalidSignature: return "not a valid ECDSA signature encoding"
        case .tweakOutOfRange: return "key tweak out of range (probability ~2^-127; derive the next index)"
        }
    }
}
