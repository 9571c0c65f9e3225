/// Who signed a request, relative to the account it addresses (docs/vault-api.md "Accounts and keys").
public enum Role: String, Sendable, Hashable {
    case owner
    case device
    case liveness

    /// Owner and devices: reading and appending blobs.
    public static let readers: Set<Role> = [.owner, .device]
}
