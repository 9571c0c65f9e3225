import BlobStorage

/// The vault as the owner sees it (signed with the owner key from the words): the account's
/// blobs and its devices. `VaultClient` implements it; tests use an in-memory double.
public protocol OwnerVault: Sendable {
    /// The account's blobs. Listing throws `BlobStoreError(.notFound)` when the account does not exist.
    var blobs: any BlobStore { get }
    /// The devices registered in the account, revoked ones included.
    func devices() async throws -> [VaultDevice]
    /// Revokes a device for good: its key and its unlock share stop working. Returns it as revoked.
    func revokeDevice(key: String) async throws -> VaultDevice
}
