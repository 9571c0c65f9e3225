import Sodium
import BlobStorage

/// The two envelope subkeys of the backup root (docs/envelope.md §2): the XChaCha20-Poly1305
/// key, and the key of the header MACs (key ID and binding tag).
public struct EnvelopeKey: Sendable {
    let aead: SecureBytes
    let mac: SecureBytes
    /// 8 bytes that identify this key in every envelope header without revealing it.
    public let keyID: [UInt8]

    init(aead: SecureBytes, mac: SecureBytes) {
        self.aead = aead
        self.mac = mac
        keyID = Array(BLAKE2b.keyedHash(KeyDerivationLabels.envelopeKeyID, key: mac, outputByteCount: 16).prefix(8))
    }

    /// The binding tag of an (account, blob) pair: the envelope opens only where it was sealed.
    func binding(account: AccountID, blob: [UInt8]) -> [UInt8] {
        BLAKE2b.keyedHash(KeyDerivationLabels.envelopeBinding + account.bytes + blob, key: mac, outputByteCount: 16)
    }
}
