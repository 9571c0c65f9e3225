import BlobStorage

/// An account is named by a hash commitment to its owner's Ed25519 public key:
///
///     account id = SHA-256( "casa-vault/account/v1" || owner public key )
///
/// The server checks the commitment when the owner creates the account, so nobody can squat
/// another owner's id, and the id reveals nothing linkable to the Lightning node. Pure: the caller
/// hashes `preimage(ownerKey:)` with `Sodium.SHA256`. BackupCore states the same label on its
/// side, so that the vault never imports backup crypto.
extension AccountID {
    public static let domain = "casa-vault/account/v1"

    public static func preimage(ownerKey: [UInt8]) -> [UInt8] {
        Array(domain.utf8) + ownerKey
    }
}
