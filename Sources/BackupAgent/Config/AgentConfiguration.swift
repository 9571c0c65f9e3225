import Foundation
import TOMLConfig
import BackupCore
import BlobStorage
import LNDClient
import SeedKit
import VaultClient
import LightningTypes

/// The resolved configuration: TOML file, then `CASA_BACKUPD_*` environment, then flags.
public struct AgentConfiguration: Sendable, Equatable {
    public var lnddir: String
    public var network: String
    public var stateDirectory: String
    public var vaultURL: String?
    /// `vault_pin`, `vault_ca_file` and `socks_proxy`: how the vault is reached.
    public var vaultTransport: VaultTransportSettings
    public var account: String?
    public var deviceKeyPath: String
    public var metricsPort: UInt16
    public var heartbeatSeconds: Int
    public var stalenessSeconds: Int
    public var keepVersions: Int
    public var secondCopyDirectory: String?
    /// lnd's REST interface as `host:port` (https); nil: from lnd.conf (`restlisten`), else 127.0.0.1:8080.
    public var lndRESTAddress: String?
    /// lnd's tls.cert; nil: lnd.conf's `tlscertpath`, else `<lnddir>/tls.cert`.
    public var lndTLSCertPath: String?
    /// The macaroon; nil: `casa.macaroon` in lnd's network folder.
    public var lndMacaroonPath: String?
    /// Accept a macaroon that can move funds (admin.macaroon). Off: such a macaroon is refused.
    public var allowAdminMacaroon: Bool
    /// Longest wait between upload retries while the vault is unreachable.
    public var uploadRetryMaxSeconds: Int

    public static let defaultConfigPath = "/etc/casa/backupd.toml"

    /// Resolves the three layers. A missing file is fine unless it was named explicitly.
    public static func resolve(
        configPath: String?, environment: [String: String], flags: AgentConfigFile
    ) throws -> AgentConfiguration {
        let path = configPath ?? environment["CASA_BACKUPD_CONFIG"]
        var file = AgentConfigFile()
        let candidate = path ?? defaultConfigPath
        if let data = FileManager.default.contents(atPath: candidate) {
            do {
                file = try TOMLConfigText.decode(AgentConfigFile.self, from: String(decoding: data, as: UTF8.self), knownKeys: AgentConfigFile.keys)
            } catch {
                throw AgentError.configuration("\(candidate): \(error)")
            }
        } else if path != nil {
            throw AgentError.configuration("cannot read the configuration file \(candidate)")
        }
        let merged = file.overridden(by: try AgentConfigFile.fromEnvironment(environment)).overridden(by: flags)
        return try AgentConfiguration(merged, home: environment["HOME"] ?? NSHomeDirectory())
    }

    init(_ c: AgentConfigFile, home: String) throws {
        lnddir = Self.expand(c.lnddir ?? "~/.lnd", home: home)
        network = c.network ?? "mainnet"
        guard ["mainnet", "testnet", "testnet4", "signet", "regtest", "simnet"].contains(network) else {
            throw AgentError.configuration("network \"\(network)\" is unknown: use mainnet, testnet, testnet4, signet, regtest or simnet")
        }
        stateDirectory = Self.expand(c.stateDir ?? "/var/lib/casa-backupd", home: home)
        vaultURL = c.vaultURL
        vaultTransport = VaultTransportSettings(
            pin: c.vaultPin, caFile: c.vaultCAFile.map { Self.expand($0, home: home) }, socksProxy: c.socksProxy, names: .agentConfig)
        do {
            if let vaultURL { _ = try vaultTransport.resolve(url: vaultURL) } else { try vaultTransport.validate() }
        } catch {
            throw AgentError.configuration(error.description)
        }
        account = c.account
        deviceKeyPath = Self.expand(c.deviceKey ?? stateDirectory + "/device.key", home: home)
        let port = c.metricsPort ?? 9841
        guard (0...65535).contains(port) else { throw AgentError.configuration("metrics_port \(port) is not a TCP port") }
        metricsPort = UInt16(port)
        heartbeatSeconds = c.heartbeatSeconds ?? 300
        guard heartbeatSeconds >= 10 else { throw AgentError.configuration("heartbeat_seconds must be at least 10") }
        stalenessSeconds = c.stalenessSeconds ?? 3600
        keepVersions = c.keepVersions ?? 10
        guard keepVersions >= 1 else { throw AgentError.configuration("keep_versions must be at least 1: the last good copy is always kept") }
        lndBackupFile = LNDBackupFileLocation.path(lndDir: lnddir, network: BitcoinNetwork(rawValue: network) ?? .mainnet, home: home)
        secondCopyDirectory = c.secondCopyDir.map { Self.expand($0, home: home) }
        if let address = c.lndRESTAddress {
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (1...65535).contains(port),
                  colon != address.startIndex, !address.contains("/") else {
                throw AgentError.configuration("lnd_rest_address \"\(address)\" is not host:port, e.g. 127.0.0.1:8080 or lnd:8080 (lnd's restlisten)")
            }
            let host = address[..<colon]
            guard !host.contains(":") || (host.hasPrefix("[") && host.hasSuffix("]")) else {
                throw AgentError.configuration("lnd_rest_address \"\(address)\": write an IPv6 address in brackets, e.g. [::1]:8080")
            }
        }
        lndRESTAddress = c.lndRESTAddress
        lndTLSCertPath = c.lndTLSCert.map { Self.expand($0, home: home) }
        lndMacaroonPath = c.lndMacaroon.map { Self.expand($0, home: home) }
        allowAdminMacaroon = c.allowAdminMacaroon ?? false
        uploadRetryMaxSeconds = c.uploadRetryMaxSeconds ?? 900
        guard uploadRetryMaxSeconds >= 1 else { throw AgentError.configuration("upload_retry_max_seconds must be at least 1") }
    }

    /// Where lnd writes channel.backup: lnd.conf's `backupfilepath=`, or `datadir=`'s (or
    /// `<lnddir>/data`'s) `chain/bitcoin/<network>/channel.backup`, as lnd decides it.
    public var lndBackupFile: String

    /// The directory the agent watches for a new channel.backup.
    public var lndDataDirectory: String { (lndBackupFile as NSString).deletingLastPathComponent }

    /// The account, from the configuration or the file `enroll` wrote.
    public func accountID() throws -> AccountID {
        let text = account ?? FileManager.default.contents(atPath: accountPath).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let text else { throw AgentError.notEnrolled("no account in the configuration or in \(accountPath)") }
        guard let account = AccountID(hex: text) else {
            throw AgentError.configuration("account \"\(text.prefix(16))…\" is not 64 hex characters")
        }
        return account
    }

    public var accountPath: String { stateDirectory + "/account" }
    /// The vault's response public key, recorded at enrollment (docs/agent.md "Vault response key").
    public var vaultResponseKeyPath: String { stateDirectory + "/vault-response-key" }

    /// The runtime settings.
    public func settings() throws -> AgentSettings {
        var settings = AgentSettings(
            account: try accountID(), stateDirectory: stateDirectory, lndDataDirectory: lndDataDirectory,
            blobName: AgentSettings.rememberedBlobName(stateDirectory: stateDirectory),
            heartbeatPeriod: .seconds(heartbeatSeconds), stalenessLimit: TimeInterval(stalenessSeconds),
            controlPort: metricsPort == 0 ? nil : metricsPort)
        settings.lndBackupFileName = (lndBackupFile as NSString).lastPathComponent
        return settings
    }

    /// `~/x` → home, relative → absolute (the agent and its stores need absolute paths).
    static func expand(_ path: String, home: String) -> String {
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        if path.hasPrefix("/") { return path }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }
}
