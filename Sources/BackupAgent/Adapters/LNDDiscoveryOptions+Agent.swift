import LNDClient
import LightningTypes

extension LNDDiscovery.Options {
    /// How the agent finds lnd: lnd's directory and network, and where the owner said lnd's REST
    /// interface, certificate and macaroon are (the rest is discovered). No macaroon is required
    /// (lnd's state and the unlock need none), and one that can move funds is refused unless
    /// `allow_admin_macaroon`.
    public init(agent configuration: AgentConfiguration) {
        self.init(
            lndDir: configuration.lnddir, restURL: configuration.lndRESTAddress.map { "https://" + $0 },
            network: BitcoinNetwork(rawValue: configuration.network), tlsCertPath: configuration.lndTLSCertPath,
            macaroonPath: configuration.lndMacaroonPath, requireMacaroon: false, allowAdminMacaroon: configuration.allowAdminMacaroon)
    }
}
