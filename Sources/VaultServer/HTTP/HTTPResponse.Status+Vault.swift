import HTTPTypes

/// Statuses the vault uses that HTTPTypes does not name.
extension HTTPResponse.Status {
    /// 423: the sealed-secret release is locked (no recent liveness heartbeat).
    static var vaultLocked: Self { .init(code: 423, reasonPhrase: "Locked") }
    /// 507: the account quota is full.
    static var vaultInsufficientStorage: Self { .init(code: 507, reasonPhrase: "Insufficient Storage") }
}
