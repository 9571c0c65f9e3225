import Secp256k1
import Sodium

/// The handshake's running hash `h` and chaining key `ck` (Noise "SymmetricState").
struct SymmetricState {
    static let protocolName = Array("Noise_XK_secp256k1_ChaChaPoly_SHA256".utf8)
    static let prologue = Array("lightning".utf8)

    private(set) var handshakeHash: [UInt8]
    private(set) var chainingKey: SecureBytes
    /// The current temporary key (`temp_k1..3`), set by `mixKey`.
    private(set) var tempKey: SecureBytes?

    /// Steps 1-4 of BOLT 8's handshake initialisation, for the responder's static key.
    init(responderStatic: PublicKey) throws {
        let h = SHA256.hash(Self.protocolName)
        chainingKey = try SecureBytes(copying: h)
        handshakeHash = h
        mixHash(Self.prologue)
        mixHash(responderStatic.compressed)
    }

    mutating func mixHash(_ data: [UInt8]) {
        handshakeHash = SHA256.hash(handshakeHash + data)
    }

    /// `ck, temp_k = HKDF(ck, ecdh)`.
    mutating func mixKey(_ sharedSecret: SecureBytes) throws {
        let (ck, k) = try NoiseHKDF.derive(salt: chainingKey, inputKeyMaterial: sharedSecret)
        chainingKey = ck
        tempKey = k
    }

    /// `encryptWithAD(temp_k, nonce, h, plaintext)`, then mixes the ciphertext into h.
    mutating func encryptAndHash(_ plaintext: [UInt8], nonce: UInt64) throws -> [UInt8] {
        guard let key = tempKey else { throw HandshakeError.outOfOrder("no key mixed yet") }
        let c = try ChaCha20Poly1305.seal(plaintext, associatedData: handshakeHash, nonce: CipherState.nonceBytes(nonce), key: key)
        mixHash(c)
        return c
    }

    /// `decryptWithAD(temp_k, nonce, h, c)`, then mixes the ciphertext into h. Returns nil on a bad tag.
    mutating func decryptAndHash(_ ciphertext: [UInt8], nonce: UInt64) throws -> [UInt8]? {
        guard let key = tempKey else { throw HandshakeError.outOfOrder("no key mixed yet") }
        guard let p = try? ChaCha20Poly1305.open(ciphertext, associatedData: handshakeHash, nonce: CipherState.nonceBytes(nonce), key: key) else {
            return nil
        }
        mixHash(ciphertext)
        return p
    }

    /// The final split: `(initiator→responder key, responder→initiator key)`, both chained on ck.
    func split() throws -> TransportKeys {
        let (first, second) = try NoiseHKDF.derive(salt: chainingKey, inputKeyMaterial: SecureBytes(count: 0) { _ in })
        return TransportKeys(initiatorToResponder: first, responderToInitiator: second, chainingKey: chainingKey)
    }
}
