import BlobStorage
import Foundation
import TOMLConfig

extension VaultConfiguration {
    /// The TOML file format (see vault/casa-vault.toml); every key is optional.
    struct File: Decodable {
        var host: String?
        var port: Int?
        var data_dir: String?
        var database_url: String?
        var max_blob_size: Int?
        var quota_bytes: Int64?
        var device_quota_bytes: Int64?
        var skew_seconds: Int64?
        var challenge_ttl_seconds: Int64?
        var account_rate: Double?
        var account_burst: Double?
        var address_rate: Double?
        var address_burst: Double?
        var trusted_proxies: [String]?
        var account_creation: String?
        var invite_token_hashes: [String]?
        var pow_bits: Int?
        var max_accounts: Int?
        var idle_timeout_seconds: Int64?
        var max_header_bytes: Int?
        var retention_interval_seconds: Int64?
        var release_quiet_seconds: Int64?
        var postgres_connections: Int?
        var response_key_file: String?
        var log_level: String?

        /// Every key of the file, read off the properties so the list cannot drift from them.
        static var keys: [String] { Mirror(reflecting: File()).children.compactMap(\.label) }
    }

    /// Applies a TOML document on top of the current values.
    public mutating func apply(toml text: String) throws {
        let file: File
        do {
            file = try TOMLConfigText.decode(File.self, from: text, knownKeys: File.keys)
        } catch {
            throw VaultConfigurationError("cannot read the TOML file: \(error)")
        }
        if file.data_dir != nil, file.database_url != nil {
            throw VaultConfigurationError("set either data_dir or database_url, not both")
        }
        if let v = file.host { host = v }
        if let v = file.port { port = v }
        if let v = file.data_dir { storage = .sqlite(directory: v) }
        if let v = file.database_url { storage = .postgres(url: v) }
        if let v = file.max_blob_size { limits.maxBlobSize = v }
        if let v = file.quota_bytes { limits.quotaBytes = v }
        if let v = file.device_quota_bytes { limits.deviceQuotaBytes = v }
        if let v = file.skew_seconds { skewSeconds = v }
        if let v = file.challenge_ttl_seconds { challengeTTLSeconds = v }
        if let v = file.account_rate { accountRate = v }
        if let v = file.account_burst { accountBurst = v }
        if let v = file.address_rate { addressRate = v }
        if let v = file.address_burst { addressBurst = v }
        if let v = file.trusted_proxies { trustedProxies = v }
        if let v = file.account_creation {
            guard let rule = AccountCreation(rawValue: v) else {
                throw VaultConfigurationError("account_creation must be \"open\", \"invite\" or \"pow\", got \"\(v)\"")
            }
            accountCreation = rule
        }
        if let v = file.invite_token_hashes { inviteTokenHashes = v }
        if let v = file.pow_bits { powBits = v }
        if let v = file.max_accounts { maxAccounts = v }
        if let v = file.idle_timeout_seconds { idleTimeoutSeconds = v }
        if let v = file.max_header_bytes { maxHeaderBytes = v }
        if let v = file.retention_interval_seconds { retentionIntervalSeconds = v }
        if let v = file.release_quiet_seconds { releaseQuietSeconds = v }
        if let v = file.postgres_connections { postgresConnections = v }
        if let v = file.response_key_file { responseKeyFile = v }
        if let v = file.log_level { logLevel = v }
    }

    /// Reads and applies a TOML file.
    public mutating func apply(tomlFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw VaultConfigurationError("cannot read \(path): check the path and that it is UTF-8 text")
        }
        try apply(toml: text)
    }
}
