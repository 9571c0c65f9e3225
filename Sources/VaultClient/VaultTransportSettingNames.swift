/// What the user calls each transport setting, so that an error names the key or flag to fix:
/// the agent's config keys or casa-recover's flags.
public struct VaultTransportSettingNames: Sendable, Equatable {
    public let url: String
    public let pin: String
    public let caFile: String
    public let socksProxy: String

    public init(url: String, pin: String, caFile: String, socksProxy: String) {
        self.url = url
        self.pin = pin
        self.caFile = caFile
        self.socksProxy = socksProxy
    }

    /// casa-backupd's keys (docs/agent.md).
    public static let agentConfig = VaultTransportSettingNames(
        url: "vault_url", pin: "vault_pin", caFile: "vault_ca_file", socksProxy: "socks_proxy")
    /// casa-recover's flags (docs/recover-cli.md).
    public static let recoverFlags = VaultTransportSettingNames(
        url: "--vault", pin: "--vault-pin", caFile: "--vault-ca-file", socksProxy: "--vault-socks")
}
