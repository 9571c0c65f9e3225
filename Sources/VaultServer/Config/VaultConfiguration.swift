import BlobStorage
import Foundation
import Codecs

/// Everything `casa-vault serve` can be told (docs/vault-api.md "Limits", vault/casa-vault.toml).
/// Defaults suit a single home server; every field can come from TOML and most from flags.
public struct VaultConfiguration: Sendable, Hashable {
    /// Where blobs live.
    public enum Storage: Sendable, Hashable {
        /// Embedded SQLite file `vault.sqlite` in this folder (the default).
        case sqlite(directory: String)
        /// PostgreSQL, shared by several stateless vault processes.
        case postgres(url: String)
        /// Volatile; tests and demos only.
        case memory
    }

    public static let defaultPort = 8420
    public static let defaultDataDirectory = "casa-vault-data"

    public var host = "127.0.0.1"
    public var port = defaultPort
    public var storage = Storage.sqlite(directory: defaultDataDirectory)
    public var limits = BlobStoreLimits.default
    /// Tolerated difference between a request's `t=` timestamp and the server clock.
    public var skewSeconds: Int64 = 300
    /// Lifetime of a server challenge.
    public var challengeTTLSeconds: Int64 = 120
    /// Requests per second and burst, per account and per client address (per process).
    public var accountRate = 50.0
    public var accountBurst = 200.0
    public var addressRate = 100.0
    public var addressBurst = 400.0
    /// Peers whose `X-Forwarded-For` names the client (exact addresses or CIDR blocks). Loopback by
    /// default: the recommended TLS proxy runs on the same host; from any other peer the header
    /// is ignored.
    public var trustedProxies = ["127.0.0.1", "::1"]
    /// Who may open an account: anyone, invite token holders, or whoever pays a proof of work.
    public var accountCreation = AccountCreation.open
    /// Hex SHA-256 of each invite token (`account_creation = "invite"`).
    public var inviteTokenHashes: [String] = []
    /// Leading zero bits of the proof of work (`account_creation = "pow"`); each bit doubles the cost.
    public var powBits = 20
    /// The most accounts this vault opens (0: no limit). With `quota_bytes` it bounds the disk
    /// that accounts can claim; past it, opening an account is 507 `vault_full`.
    public var maxAccounts = 0
    /// Close connections idle this long; also the deadline for receiving a request body.
    public var idleTimeoutSeconds: Int64 = 30
    /// Maximum size of all request headers together.
    public var maxHeaderBytes = 16 * 1024
    /// After a liveness heartbeat, the sealed-secret release is refused for this long: a node
    /// that heartbeats runs and needs no unlock, so whoever asks is a copy of its disk
    /// (docs/design.md §6). A clean shutdown ends it at once (`state=stopping`). 0 turns it off.
    public var releaseQuietSeconds: Int64 = 600
    /// Seconds between retention passes (0 disables the background pass).
    public var retentionIntervalSeconds: Int64 = 3600
    /// PostgreSQL connection pool size per process.
    public var postgresConnections = 16
    /// The response key's seed file (docs/vault-api.md "Signed responses"). Default with SQLite:
    /// `response-key` in the data folder, made at first start. Required with PostgreSQL: every
    /// process sharing the database must sign with the same key, so the operator gives them
    /// all the same file. With `memory`, nil means a key for this process only.
    public var responseKeyFile: String?
    public var logLevel = "info"

    public init() {}

    /// The base URL to print and to give clients.
    public var url: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)"
    }

    /// Checks values that would make the server misbehave; the message says which key to fix.
    public func validate() throws {
        func fail(_ message: String) throws -> Never { throw VaultConfigurationError(message) }
        if !(0...65535).contains(port) { try fail("port must be between 0 and 65535, got \(port)") }
        if limits.maxBlobSize < 1 || limits.maxBlobSize > 256 * 1024 * 1024 {
            try fail("max_blob_size must be between 1 byte and 256 MiB")
        }
        if limits.quotaBytes < Int64(limits.maxBlobSize) { try fail("quota_bytes must be at least max_blob_size") }
        if let device = limits.deviceQuotaBytes, device < Int64(limits.maxBlobSize) || device > limits.quotaBytes {
            try fail("device_quota_bytes must be between max_blob_size and quota_bytes")
        }
        if skewSeconds < 1 || skewSeconds > 86_400 { try fail("skew_seconds must be between 1 and 86400") }
        if challengeTTLSeconds < 5 || challengeTTLSeconds > 3600 { try fail("challenge_ttl_seconds must be between 5 and 3600") }
        if !(0...86_400).contains(releaseQuietSeconds) { try fail("release_quiet_seconds must be between 0 (off) and 86400") }
        if accountRate <= 0 || addressRate <= 0 || accountBurst < 1 || addressBurst < 1 {
            try fail("rates must be positive and bursts at least 1")
        }
        _ = try ClientAddressResolver(trustedProxies: trustedProxies)
        if accountCreation == .invite {
            if inviteTokenHashes.isEmpty { try fail("account_creation = \"invite\" needs invite_token_hashes (hex SHA-256 of each token)") }
            if let bad = inviteTokenHashes.first(where: { Hex.decode($0)?.count != 32 }) {
                try fail("invite_token_hashes: \(bad) is not 64 hex digits (printf %s TOKEN | sha256sum)")
            }
        }
        if !(8...32).contains(powBits) { try fail("pow_bits must be between 8 and 32") }
        if maxAccounts < 0 { try fail("max_accounts must be 0 (no limit) or more") }
        if idleTimeoutSeconds < 1 { try fail("idle_timeout_seconds must be at least 1") }
        if postgresConnections < 1 || postgresConnections > 1000 { try fail("postgres_connections must be between 1 and 1000") }
        if case .postgres = storage, responseKeyFile == nil {
            try fail("with database_url, set response_key_file: the same 0600 file (32 random bytes) on every vault process, see docs/vault-api.md \"Signed responses\"")
        }
    }
}

/// A configuration problem, with the key to fix.
public struct VaultConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = "casa-vault: configuration: " + description }
}
