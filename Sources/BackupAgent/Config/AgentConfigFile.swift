import TOMLConfig

/// The agent's settings as written in the TOML file, the environment or flags; every field
/// optional so the three layers can be merged (flags > environment > file > defaults).
/// docs/agent.md lists every key.
public struct AgentConfigFile: Codable, Sendable, Equatable {
    public var lnddir: String?
    public var network: String?
    public var stateDir: String?
    public var vaultURL: String?
    public var vaultPin: String?
    public var vaultCAFile: String?
    public var socksProxy: String?
    public var account: String?
    public var deviceKey: String?
    public var metricsPort: Int?
    public var heartbeatSeconds: Int?
    public var stalenessSeconds: Int?
    public var keepVersions: Int?
    public var secondCopyDir: String?
    public var uploadRetryMaxSeconds: Int?
    public var lndRESTAddress: String?
    public var lndTLSCert: String?
    public var lndMacaroon: String?
    public var allowAdminMacaroon: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case lnddir, network
        case stateDir = "state_dir"
        case vaultURL = "vault_url"
        case vaultPin = "vault_pin"
        case vaultCAFile = "vault_ca_file"
        case socksProxy = "socks_proxy"
        case account
        case deviceKey = "device_key"
        case metricsPort = "metrics_port"
        case heartbeatSeconds = "heartbeat_seconds"
        case stalenessSeconds = "staleness_seconds"
        case keepVersions = "keep_versions"
        case secondCopyDir = "second_copy_dir"
        case uploadRetryMaxSeconds = "upload_retry_max_seconds"
        case lndRESTAddress = "lnd_rest_address"
        case lndTLSCert = "lnd_tls_cert"
        case lndMacaroon = "lnd_macaroon"
        case allowAdminMacaroon = "allow_admin_macaroon"
    }

    /// `other`'s values where it has them, ours otherwise.
    public func overridden(by other: AgentConfigFile) -> AgentConfigFile {
        var merged = self
        merged.lnddir = other.lnddir ?? lnddir
        merged.network = other.network ?? network
        merged.stateDir = other.stateDir ?? stateDir
        merged.vaultURL = other.vaultURL ?? vaultURL
        merged.vaultPin = other.vaultPin ?? vaultPin
        merged.vaultCAFile = other.vaultCAFile ?? vaultCAFile
        merged.socksProxy = other.socksProxy ?? socksProxy
        merged.account = other.account ?? account
        merged.deviceKey = other.deviceKey ?? deviceKey
        merged.metricsPort = other.metricsPort ?? metricsPort
        merged.heartbeatSeconds = other.heartbeatSeconds ?? heartbeatSeconds
        merged.stalenessSeconds = other.stalenessSeconds ?? stalenessSeconds
        merged.keepVersions = other.keepVersions ?? keepVersions
        merged.secondCopyDir = other.secondCopyDir ?? secondCopyDir
        merged.uploadRetryMaxSeconds = other.uploadRetryMaxSeconds ?? uploadRetryMaxSeconds
        merged.lndRESTAddress = other.lndRESTAddress ?? lndRESTAddress
        merged.lndTLSCert = other.lndTLSCert ?? lndTLSCert
        merged.lndMacaroon = other.lndMacaroon ?? lndMacaroon
        merged.allowAdminMacaroon = other.allowAdminMacaroon ?? allowAdminMacaroon
        return merged
    }

    /// The keys of the TOML file (`state_dir`, …).
    public static var keys: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// The environment variables the agent reads: `CASA_BACKUPD_CONFIG` and one per key.
    public static var environmentNames: [String] { ["CASA_BACKUPD_CONFIG"] + keys.map { "CASA_BACKUPD_" + $0.uppercased() } }

    /// `CASA_BACKUPD_<KEY>` variables (e.g. `CASA_BACKUPD_VAULT_URL`). Any other `CASA_BACKUPD_`
    /// variable is a misspelling that would be silently ignored: an error that names the closest.
    public static func fromEnvironment(_ environment: [String: String]) throws -> AgentConfigFile {
        for name in environment.keys.sorted() where name.hasPrefix("CASA_BACKUPD_") && !environmentNames.contains(name) {
            throw AgentError.configuration(
                "unknown environment variable \(name)\(ClosestName.suggestion(for: name, among: environmentNames)) (valid: \(environmentNames.joined(separator: ", ")))")
        }
        func value(_ key: CodingKeys) -> String? { environment["CASA_BACKUPD_" + key.rawValue.uppercased()] }
        func number(_ key: CodingKeys) throws -> Int? {
            guard let text = value(key) else { return nil }
            guard let number = Int(text) else {
                throw AgentError.configuration("CASA_BACKUPD_\(key.rawValue.uppercased())=\(text) is not a whole number")
            }
            return number
        }
        func flag(_ key: CodingKeys) throws -> Bool? {
            guard let text = value(key) else { return nil }
            switch text.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw AgentError.configuration("CASA_BACKUPD_\(key.rawValue.uppercased())=\(text) is not true or false")
            }
        }
        var config = AgentConfigFile()
        config.lnddir = value(.lnddir)
        config.network = value(.network)
        config.stateDir = value(.stateDir)
        config.vaultURL = value(.vaultURL)
        config.vaultPin = value(.vaultPin)
        config.vaultCAFile = value(.vaultCAFile)
        config.socksProxy = value(.socksProxy)
        config.account = value(.account)
        config.deviceKey = value(.deviceKey)
        config.metricsPort = try number(.metricsPort)
        config.heartbeatSeconds = try number(.heartbeatSeconds)
        config.stalenessSeconds = try number(.stalenessSeconds)
        config.keepVersions = try number(.keepVersions)
        config.secondCopyDir = value(.secondCopyDir)
        config.uploadRetryMaxSeconds = try number(.uploadRetryMaxSeconds)
        config.lndRESTAddress = value(.lndRESTAddress)
        config.lndTLSCert = value(.lndTLSCert)
        config.lndMacaroon = value(.lndMacaroon)
        config.allowAdminMacaroon = try flag(.allowAdminMacaroon)
        return config
    }
}
