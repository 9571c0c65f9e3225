public import BackupCore

/// The vault calls beyond blob storage: heartbeats, and the owner-signed enrollment
/// (docs/vault-api.md). Implemented by VaultClient; in-memory in the tests.
public protocol VaultControl: Sendable {
    /// POST heartbeats, signed with the liveness key (arms the sealed-unlock release).
    func sendHeartbeat(signedBy key: LivenessKey) async throws
    /// Creates the account (owner-signed), recording its liveness public key.
    func createAccount(owner: OwnerKey, livenessPublicKey: [UInt8]) async throws
    /// Registers a device public key (owner-signed).
    func registerDevice(owner: OwnerKey, devicePublicKey: [UInt8]) async throws
}
