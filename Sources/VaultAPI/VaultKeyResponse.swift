/// `GET /v1/vault-key` → the public half of the vault's response key (docs/vault-api.md,
/// "Signed responses"). Unauthenticated: a client trusts it on first use and records it.
public struct VaultKeyResponse: Codable, Sendable, Hashable {
    /// 64 hex digits: the Ed25519 public key that signs `Casa-Response-Signature`.
    public var responseKey: String

    public init(responseKey: String) {
        self.responseKey = responseKey
    }
}
