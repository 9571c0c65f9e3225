import HTTPTypes
import VaultAPI
import BlobStorage

/// What decides a signer's role on an account: its keys, the revocation of the signing device and
/// the operator's switch. One rule for the gate (`RequestGate.authorize`) and for the put batches,
/// which check it in the same transaction as the write.
struct AccountAccess: Sendable {
    let ownerKey: [UInt8]
    let livenessKey: [UInt8]
    let disabled: Bool

    /// The signer's role, or the error to answer. `deviceRevoked` is nil when `key` is no device
    /// of the account, else whether that device was revoked.
    func role(of key: [UInt8], deviceRevoked: Bool?, allowed roles: Set<Role>) throws -> Role {
        let role: Role
        if key == ownerKey {
            role = .owner
        } else if let revoked = deviceRevoked {
            guard !revoked else {
                throw VaultError(.forbidden, .deviceRevoked, "this device was revoked by the owner; it can no longer use this account")
            }
            role = .device
        } else if key == livenessKey {
            role = .liveness
        } else {
            throw VaultError(.forbidden, .forbidden, "this key is not registered in this account")
        }
        guard !disabled else {
            throw VaultError(.forbidden, .accountDisabled, "this account was disabled by the vault operator")
        }
        guard roles.contains(role) else {
            throw VaultError(.forbidden, .forbidden, "the \(role.rawValue) key may not do this (allowed: \(roles.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        return role
    }

    static func notFound(_ id: AccountID) -> VaultError {
        VaultError(.notFound, .accountNotFound, "no account \(id.hex.prefix(16))…: the owner creates it with PUT /v1/accounts/{account}")
    }
}
