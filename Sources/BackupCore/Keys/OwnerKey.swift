public import Sodium
import BlobStorage

/// The owner key: from the aezeed entropy itself, before BIP32 (docs/design.md §4.6):
/// Ed25519 seed = `BLAKE2b-256(key = entropy, "casa-backup/owner/v1")`.
///
/// Nothing on the device can compute it: lnd keeps only the BIP32 root (in wallet.db), from
/// which the entropy cannot be recovered. It controls destructive vault operations, device
/// registration and revocation. Never store it; drop it as soon as the operation is done.
public struct OwnerKey: SigningKey {
    public let keyPair: Ed25519.KeyPair

    /// From the 16-byte aezeed entropy (SeedKit's decoded cipher seed).
    public init(entropy: SecureBytes) throws {
        guard entropy.count == 16 else { throw BackupKeyError.invalidEntropyLength(entropy.count) }
        let seed = try BLAKE2b.keyedSecret(KeyDerivationLabels.ownerKey, key: entropy, outputByteCount: 32)
        keyPair = try Ed25519.KeyPair(seed: seed)
    }

    /// The vault account this owner key controls.
    public var accountID: AccountID { AccountID(ownerPublicKey: publicKey) }
}
