/// Why a BOLT 8 handshake failed. On any of these the connection must be closed without
/// sending anything more (BOLT 8). The names follow the spec's test vectors
/// (`ACT2_READ_FAILED`, `ACT1_BAD_VERSION`, ...).
public enum HandshakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The act was not exactly its fixed size (a short read).
    case wrongLength(act: Int, expected: Int, got: Int)
    /// The leading version byte was not 0.
    case badVersion(act: Int, version: UInt8)
    /// The ephemeral (acts 1, 2) or static (act 3) key is not a valid compressed point.
    case badPublicKey(act: Int)
    /// The act's authentication tag did not verify.
    case badTag(act: Int)
    /// Act three's encrypted static key did not authenticate.
    case badCiphertext
    /// A handshake step was called out of order.
    case outOfOrder(String)

    public var description: String {
        switch self {
        case .wrongLength(let act, let expected, let got):
            return "handshake act \(act) must be \(expected) bytes, got \(got): the peer closed early or is not a Lightning node"
        case .badVersion(let act, let version):
            return "handshake act \(act) has unknown version \(version): the peer speaks another transport version"
        case .badPublicKey(let act):
            return "handshake act \(act) carries an invalid public key: the peer is misbehaving"
        case .badTag(let act):
            return "handshake act \(act) failed authentication: wrong node public key for this address, or the data was modified"
        case .badCiphertext:
            return "handshake act 3: the initiator's encrypted identity failed authentication"
        case .outOfOrder(let what):
            return "handshake step out of order: \(what)"
        }
    }
}
