import VaultAPI
import BlobStorage

/// Who asks for a put, checked by the backend inside the put's own transaction (no separate
/// account read before it): the request's verified key must hold one of `roles` on the account
/// (`AccountAccess`), and only then is the account's rate limit charged (`admit`), so nobody can
/// spend another account's budget.
public struct PutAuthorization: Sendable {
    let signer: [UInt8]
    let roles: Set<Role>
    let admit: @Sendable (AccountID) throws -> Void

    init(signer: [UInt8], roles: Set<Role>, admit: @escaping @Sendable (AccountID) throws -> Void) {
        self.signer = signer
        self.roles = roles
        self.admit = admit
    }

    /// Checks the signer against the account's access record (nil: no such account), charges the
    /// rate limit and returns the signer's role (a device's puts count against its own quota).
    @discardableResult
    func check(_ access: AccountAccess?, deviceRevoked: Bool?, account: AccountID) throws -> Role {
        guard let access else { throw AccountAccess.notFound(account) }
        let role = try access.role(of: signer, deviceRevoked: deviceRevoked, allowed: roles)
        try admit(account)
        return role
    }
}
