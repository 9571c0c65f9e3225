import BlobStorage
import Sodium

/// The vault account of an owner: `SHA-256("casa-vault/account/v1" ‖ owner public key)`
/// (docs/design.md §4.6, docs/vault-api.md; the vault checks the same commitment with its own
/// code). It commits to the owner key, so the account is found from the 24 words alone, and it
/// is unlinkable to the node's identity pubkey.
extension AccountID {
    /// The account of an owner public key (32-byte Ed25519).
    public init(ownerPublicKey: [UInt8]) {
        self.init(bytes: SHA256.hash(KeyDerivationLabels.accountID + ownerPublicKey))!
    }
}
