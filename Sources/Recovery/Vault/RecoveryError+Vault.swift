import BlobStorage

extension RecoveryError {
    /// A vault failure as the user should see it.
    public init(vault error: BlobStoreError) {
        switch error.code {
        case .unavailable, .rateLimited:
            self = .vaultUnavailable(error.message)
        case .unauthorized, .forbidden:
            self = .vaultRefused(error.message)
        default:
            self = .vaultUnavailable("unexpected answer (\(error.code.rawValue)): \(error.message)")
        }
    }
}
