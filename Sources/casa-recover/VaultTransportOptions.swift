import ArgumentParser
import VaultClient

/// How casa-recover reaches the vault: a public-key pin or a CA file for https, and a SOCKS5
/// proxy (Tor). Shared by every command that takes --vault. `--tor` (restore --escalate) is
/// about peers, not the vault.
struct VaultTransportOptions: ParsableArguments {
    @Option(name: .customLong("vault-pin"), help: ArgumentHelp(
        "Accept only this public key from the vault (its own or self-signed certificate); `;` separates several.",
        valueName: "sha256//base64"))
    var vaultPin: String?

    @Option(name: .customLong("vault-ca-file"), help: ArgumentHelp(
        "Check the vault's certificate against this PEM CA file instead of the system roots.", valueName: "file"))
    var vaultCAFile: String?

    @Option(name: .customLong("vault-socks"), help: ArgumentHelp(
        "Reach the vault through this SOCKS5 proxy; the proxy resolves names (needed for .onion vaults).", valueName: "host:port"))
    var vaultSocks: String?

    @Flag(name: .customLong("vault-tor"), help: "Same as --vault-socks 127.0.0.1:9050 (Tor's SOCKS port).")
    var vaultTor = false

    func validate() throws {
        if vaultTor && vaultSocks != nil { throw ValidationError("give either --vault-tor or --vault-socks, not both") }
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    var settings: VaultTransportSettings {
        VaultTransportSettings(pin: vaultPin, caFile: vaultCAFile, socksProxy: vaultTor ? "127.0.0.1:9050" : vaultSocks, names: .recoverFlags)
    }
}
