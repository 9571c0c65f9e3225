import VaultClient

/// The vault answers `POST /v1/challenges` over the configured transport (vault_pin,
/// vault_ca_file, socks_proxy); a pin that does not match the vault's key is named as such.
public struct VaultReachableCheck: DoctorCheck {
    public let name = "vault"
    let configuration: AgentConfiguration

    public init(configuration: AgentConfiguration) {
        self.configuration = configuration
    }

    public func run() async -> DoctorResult {
        guard let url = configuration.vaultURL else {
            return .warn(name, "no vault_url: snapshots are kept locally only (and queued)", fix: DoctorVault.vaultURLFix)
        }
        do {
            _ = try await DoctorVault.challenge(configuration, url: url)
        } catch where DoctorVault.isPinMismatch(error) {
            return .fail(name, "TLS pin mismatch: the public key of \(url) is not the one vault_pin names",
                         fix: "if the vault's operator replaced its key, set vault_pin to the new one (`openssl x509 -in vault.crt -pubkey -noout | "
                            + "openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`, docs/agent.md); "
                            + "otherwise someone may be intercepting the connection: do not change the pin")
        } catch {
            let transport = configuration.vaultTransport
            var fix = "check vault_url (\(url)) and that the vault runs and is reachable from here"
            if transport.socksProxy != nil { fix += ", and that the SOCKS proxy (Tor) runs" }
            if "\(error)".contains("TLS handshake") {
                fix += transport.caFile == nil && transport.pin == nil
                    ? "; a vault with its own or a self-signed certificate needs vault_pin or vault_ca_file"
                    : "; check vault_ca_file and the host name in vault_url"
            }
            return .fail(name, "the vault does not answer: \(error)", fix: fix)
        }
        let how = configuration.vaultTransport.pin != nil ? " (TLS pin matches)" : configuration.vaultTransport.caFile != nil ? " (certificate checked against vault_ca_file)" : ""
        return .ok(name, "\(url) answers\(how)")
    }
}
