public import Foundation
public import BackupCore

/// The vault calls beyond blob storage: heartbeats, and the owner-signed enrollment
/// (docs/vault-api.md). Implemented by VaultClient; in-memory in the tests.
public protocol VaultControl: Sendable {
    /// POST heartbeats, signed with the liveness key (arms the sealed-unlock release). Returns
    /// when the vault held this node's unlock share back since the previous heartbeat because
    /// the node was running: someone with a copy of its disk asked for it.
    func sendHeartbeat(signedBy key: LivenessKey) async throws -> [Date]
    /// The node is going down (agent shutdown, lnd locked): a last heartbeat that tells the
    /// vault the node no longer runs, so its own reboot is unlocked at once (docs/design.md §6).
    func sendStoppingHeartbeat(signedBy key: LivenessKey) async throws
    /// Creates the account (owner-signed), recording its liveness public key.
    func createAccount(owner: OwnerKey, livenessPublicKey: [UInt8]) async throws
    /// Registers a device public key (owner-signed).
    func registerDevice(owner: OwnerKey, devicePublicKey: [UInt8]) async throws
}
