import ArgumentParser
import BackupAgent
import Foundation

/// Flags shared by every subcommand; they override the file and the environment.
struct ConfigOptions: ParsableArguments {
    @Option(help: "TOML configuration file (default /etc/casa/backupd.toml, or CASA_BACKUPD_CONFIG).")
    var config: String?
    @Option(help: "lnd's directory (default ~/.lnd): lnd.conf, tls.cert, macaroons and data are found from it.")
    var lnddir: String?
    @Option(help: "Bitcoin network: mainnet, testnet, testnet4, signet, regtest or simnet.")
    var network: String?
    @Option(name: .customLong("state-dir"), help: "Where the agent keeps its snapshots, queue and device key.")
    var stateDir: String?
    @Option(name: .customLong("vault-url"), help: "The vault's base URL.")
    var vaultURL: String?
    @Option(name: .customLong("vault-pin"), help: ArgumentHelp("The vault's public-key pin (vault_pin).", valueName: "sha256//base64"))
    var vaultPin: String?
    @Option(name: .customLong("vault-ca-file"), help: ArgumentHelp("Trust this PEM CA file for the vault instead of the system roots (vault_ca_file).", valueName: "file"))
    var vaultCAFile: String?
    @Option(name: .customLong("socks-proxy"), help: ArgumentHelp("Reach the vault through this SOCKS5 proxy, e.g. Tor's 127.0.0.1:9050 (socks_proxy).", valueName: "host:port"))
    var socksProxy: String?
    @Option(name: .customLong("metrics-port"), help: "127.0.0.1 port of the metrics and control endpoint (0 turns it off).")
    var metricsPort: Int?
    @Option(name: .customLong("lnd-rest-address"), help: ArgumentHelp("lnd's REST interface (lnd_rest_address; default: lnd.conf's restlisten).", valueName: "host:port"))
    var lndRESTAddress: String?
    @Option(name: .customLong("lnd-tls-cert"), help: ArgumentHelp("lnd's tls.cert (lnd_tls_cert; default: in lnddir).", valueName: "file"))
    var lndTLSCert: String?
    @Option(name: .customLong("lnd-macaroon"), help: ArgumentHelp("The macaroon (lnd_macaroon; default: casa.macaroon in lnd's network folder).", valueName: "file"))
    var lndMacaroon: String?
    @Flag(name: .customLong("allow-admin-macaroon"), help: "Accept a macaroon that can move funds, such as admin.macaroon (allow_admin_macaroon).")
    var allowAdminMacaroon = false

    func resolve() throws -> AgentConfiguration {
        var flags = AgentConfigFile()
        flags.lnddir = lnddir
        flags.network = network
        flags.stateDir = stateDir
        flags.vaultURL = vaultURL
        flags.vaultPin = vaultPin
        flags.vaultCAFile = vaultCAFile
        flags.socksProxy = socksProxy
        flags.metricsPort = metricsPort
        flags.lndRESTAddress = lndRESTAddress
        flags.lndTLSCert = lndTLSCert
        flags.lndMacaroon = lndMacaroon
        flags.allowAdminMacaroon = allowAdminMacaroon ? true : nil
        return try AgentConfiguration.resolve(configPath: config, environment: ProcessInfo.processInfo.environment, flags: flags)
    }
}

/// Prints a user-facing error and exits non-zero (never a stack trace).
func fail(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("casa-backupd: \(error)\n".utf8))
    return ExitCode(1)
}
