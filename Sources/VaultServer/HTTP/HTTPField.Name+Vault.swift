import HTTPTypes
import VaultAPI

/// The vault's header names, validated once (every request reads or writes several of them).
extension HTTPField.Name {
    // The names are constant tokens (VaultHeader), so parsing them cannot fail.
    static let casaKey = HTTPField.Name(VaultHeader.key)!
    static let casaFreshness = HTTPField.Name(VaultHeader.freshness)!
    static let casaNonce = HTTPField.Name(VaultHeader.nonce)!
    static let casaSignature = HTTPField.Name(VaultHeader.signature)!
    static let casaContentHash = HTTPField.Name(VaultHeader.contentHash)!
    static let casaVersion = HTTPField.Name(VaultHeader.version)!
    static let casaStoredAt = HTTPField.Name(VaultHeader.storedAt)!
    static let casaServerTime = HTTPField.Name(VaultHeader.serverTime)!
    static let casaInvite = HTTPField.Name(VaultHeader.invite)!
    static let casaWork = HTTPField.Name(VaultHeader.work)!
    static let casaResponseSignature = HTTPField.Name(VaultHeader.responseSignature)!
    /// Set by the reverse proxy; read only from `trusted_proxies` (`ClientAddressResolver`).
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
