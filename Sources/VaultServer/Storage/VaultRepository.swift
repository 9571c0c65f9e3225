import BlobStorage
import struct Foundation.Date
import VaultAPI

/// Server-side storage of accounts, devices and blobs, behind one protocol with three backends
/// (memory, SQLite, PostgreSQL). The blob rules are `PutRules`; each backend applies them
/// atomically (one transaction per put, serialised per account), so several vault processes
/// may share one PostgreSQL database.
///
/// Every write returns only after it is durably committed.
public protocol VaultRepository: Sendable {
    // MARK: Accounts and devices
    func account(_ id: AccountID) async throws -> AccountRecord?
    func listAccounts() async throws -> [AccountRecord]
    /// Inserts the account and its devices; returns false (and changes nothing) if it exists.
    func createAccount(_ account: AccountRecord) async throws -> Bool
    func setLivenessKey(_ id: AccountID, _ key: [UInt8]) async throws
    func setPolicy(_ id: AccountID, _ policy: AccountPolicy) async throws
    func setDisabled(_ id: AccountID, _ disabled: Bool) async throws
    /// Inserts a device; returns false (and changes nothing) if the key is already registered.
    func addDevice(_ id: AccountID, _ device: DeviceRecord) async throws -> Bool
    func revokeDevice(_ id: AccountID, key: [UInt8], at: Int64) async throws
    /// Stores and reads the device's slot only while the device is not revoked, in the same
    /// statement: a revocation that lands between the request's check and the slot access
    /// still wins (review L12).
    func setSealedSecret(_ id: AccountID, deviceKey: [UInt8], _ secret: [UInt8]) async throws
    func sealedSecret(_ id: AccountID, deviceKey: [UInt8]) async throws -> [UInt8]?
    /// Empties the device's slot (sealed auto-unlock disabled); a no-op when it is empty.
    func clearSealedSecret(_ id: AccountID, deviceKey: [UInt8]) async throws
    func recordHeartbeat(_ id: AccountID, at: Int64) async throws
    func recordDeviceSeen(_ id: AccountID, key: [UInt8], at: Int64) async throws

    // MARK: Blobs (the `BlobStore` contract, per account)
    /// Returns the committed info and whether this call created it (false: an idempotent retry).
    /// With an `authorization`, the signer is checked against the account in the same transaction
    /// (nil: the caller already did, e.g. the conformance suite).
    func putBlob(
        _ id: AccountID, _ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash,
        limits: BlobStoreLimits, now: Date, authorization: PutAuthorization?
    ) async throws -> (info: BlobInfo, created: Bool)
    func blob(_ id: AccountID, _ name: BlobName, version: UInt64?) async throws -> Blob
    func listBlobs(_ id: AccountID) async throws -> [BlobSummary]
    func versions(_ id: AccountID, _ name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo]
    /// The key that uploaded each kept version of `name`, by version (versions with an unknown
    /// writer are absent): the retention pass keeps a daily survivor per writer.
    func writers(_ id: AccountID, _ name: BlobName) async throws -> [UInt64: [UInt8]]
    /// Bytes of the kept versions each device key of the account uploaded (its quota use).
    func deviceUsage(_ id: AccountID) async throws -> [[UInt8]: Int64]
    /// Deletes one version, or every version when `version` is nil (owner and retention only).
    /// Returns how many versions were deleted. Version numbers are never reused afterwards.
    func deleteBlob(_ id: AccountID, _ name: BlobName, version: UInt64?) async throws -> Int

    // MARK: Server state
    /// The single-use record of nonces and challenges (shared by all processes when the backend is).
    var replayGuard: any ReplayGuard { get }
    /// Secret for stateless challenges; the same for every process on the same database.
    func challengeSecret() async throws -> [UInt8]
    /// The durability settings in force, by name (e.g. "synchronous": "2"), for tests and startup checks.
    func durabilitySettings() async throws -> [String: String]
    /// The put group commit's figures (nil: this backend commits each put on its own).
    var putBatches: GroupCommitStats? { get }
    /// Totals for metrics: accounts and stored bytes.
    func totals() async throws -> (accounts: Int, bytes: Int64)
    func close() async throws
}

extension VaultRepository {
    /// A put by a caller that already authorized it.
    public func putBlob(
        _ id: AccountID, _ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash,
        limits: BlobStoreLimits, now: Date
    ) async throws -> (info: BlobInfo, created: Bool) {
        try await putBlob(id, name, version: version, data: data, contentHash: contentHash, limits: limits, now: now, authorization: nil)
    }

    static func notFound(_ name: BlobName, _ version: UInt64?) -> BlobStoreError {
        BlobStoreError(.notFound, version.map { "version \($0) of \(name) does not exist" } ?? "no blob named \(name)")
    }
}
