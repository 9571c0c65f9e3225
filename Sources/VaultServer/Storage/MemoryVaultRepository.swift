import BlobStorage
import struct Foundation.Date
import Sodium
import VaultAPI

/// Volatile `VaultRepository` for tests and demos (`casa-vault serve --memory`).
public actor MemoryVaultRepository: VaultRepository {
    private var accounts: [AccountID: AccountRecord] = [:]
    private var blobs: [AccountID: [BlobName: [Blob]]] = [:]
    private var highest: [AccountID: [BlobName: UInt64]] = [:]
    private var secrets: [AccountID: [[UInt8]: [UInt8]]] = [:]
    /// Who uploaded each kept version, and each device's usage (review M1b).
    private var writerOf: [AccountID: [BlobName: [UInt64: [UInt8]]]] = [:]
    private var deviceUsage: [AccountID: [[UInt8]: Int64]] = [:]
    public nonisolated let putBatches: GroupCommitStats? = nil
    public nonisolated let replayGuard: any ReplayGuard = MemoryReplayGuard()
    private let secret = Random.bytes(32)

    public init() {}

    public func account(_ id: AccountID) -> AccountRecord? { accounts[id] }

    public func listAccounts() -> [AccountRecord] { accounts.values.sorted { $0.id < $1.id } }

    public func createAccount(_ account: AccountRecord) -> Bool {
        guard accounts[account.id] == nil else { return false }
        accounts[account.id] = account
        return true
    }

    public func setLivenessKey(_ id: AccountID, _ key: [UInt8]) { accounts[id]?.livenessKey = key }
    public func setPolicy(_ id: AccountID, _ policy: AccountPolicy) { accounts[id]?.policy = policy }
    public func setDisabled(_ id: AccountID, _ disabled: Bool) { accounts[id]?.disabled = disabled }

    public func addDevice(_ id: AccountID, _ device: DeviceRecord) -> Bool {
        guard let account = accounts[id], account.device(device.key) == nil else { return false }
        accounts[id]?.devices.append(device)
        return true
    }

    public func revokeDevice(_ id: AccountID, key: [UInt8], at: Int64) {
        updateDevice(id, key) { if $0.revokedAt == nil { $0.revokedAt = at } }
        secrets[id]?[key] = nil
        updateDevice(id, key) { $0.hasSealedSecret = false }
    }

    public func setSealedSecret(_ id: AccountID, deviceKey: [UInt8], _ secret: [UInt8]) {
        guard isActive(id, deviceKey) else { return }
        secrets[id, default: [:]][deviceKey] = secret
        updateDevice(id, deviceKey) { $0.hasSealedSecret = true }
    }

    public func sealedSecret(_ id: AccountID, deviceKey: [UInt8]) -> [UInt8]? {
        isActive(id, deviceKey) ? secrets[id]?[deviceKey] : nil
    }

    private func isActive(_ id: AccountID, _ key: [UInt8]) -> Bool {
        accounts[id]?.devices.contains { $0.key == key && $0.revokedAt == nil } == true
    }

    public func clearSealedSecret(_ id: AccountID, deviceKey: [UInt8]) {
        secrets[id]?[deviceKey] = nil
        updateDevice(id, deviceKey) { $0.hasSealedSecret = false }
    }

    public func recordHeartbeat(_ id: AccountID, at: Int64) { accounts[id]?.lastHeartbeatAt = at }

    public func recordDeviceSeen(_ id: AccountID, key: [UInt8], at: Int64) { updateDevice(id, key) { $0.lastSeenAt = at } }

    private func updateDevice(_ id: AccountID, _ key: [UInt8], _ change: (inout DeviceRecord) -> Void) {
        guard var account = accounts[id], let index = account.devices.firstIndex(where: { $0.key == key }) else { return }
        change(&account.devices[index])
        accounts[id] = account
    }

    public func putBlob(
        _ id: AccountID, _ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash,
        limits: BlobStoreLimits, now: Date, authorization: PutAuthorization?
    ) throws -> (info: BlobInfo, created: Bool) {
        var device: [UInt8]?
        if let authorization {
            let account = accounts[id]
            if try authorization.check(account?.access, deviceRevoked: account?.device(authorization.signer)?.isRevoked, account: id) == .device {
                device = authorization.signer
            }
        }
        let kept = blobs[id]?[name] ?? []
        let outcome = try PutRules.decide(
            version: version, size: data.count, contentHash: contentHash,
            latestVersion: highest[id]?[name] ?? 0, existing: kept.first { $0.info.version == version }?.info,
            usedBytes: accounts[id]?.usedBytes ?? 0, deviceUsedBytes: device.map { deviceUsage[id]?[$0] ?? 0 }, limits: limits
        )
        if case .alreadyStored(let info) = outcome { return (info, false) }
        let info = BlobInfo(
            name: name, version: version, size: data.count, contentHash: contentHash,
            storedAt: Date(unixMilliseconds: now.unixMilliseconds)
        )
        blobs[id, default: [:]][name, default: []].append(Blob(info: info, data: data))
        highest[id, default: [:]][name] = version
        accounts[id]?.usedBytes += Int64(data.count)
        if let writer = authorization?.signer { writerOf[id, default: [:]][name, default: [:]][version] = writer }
        if let device { deviceUsage[id, default: [:]][device, default: 0] += Int64(data.count) }
        return (info, true)
    }

    public func blob(_ id: AccountID, _ name: BlobName, version: UInt64?) throws -> Blob {
        let kept = blobs[id]?[name] ?? []
        let found = version.map { v in kept.first { $0.info.version == v } } ?? kept.last
        guard let found else { throw Self.notFound(name, version) }
        return found
    }

    public func listBlobs(_ id: AccountID) -> [BlobSummary] {
        (blobs[id] ?? [:]).compactMap { _, kept in kept.last.map { BlobSummary(latest: $0.info, versionCount: kept.count) } }
            .sorted { $0.name < $1.name }
    }

    public func versions(_ id: AccountID, _ name: BlobName, after: UInt64?, limit: Int) throws -> [BlobInfo] {
        guard let kept = blobs[id]?[name], !kept.isEmpty else { throw Self.notFound(name, nil) }
        return Array(kept.lazy.map(\.info).filter { $0.version > (after ?? 0) }.prefix(max(0, limit)))
    }

    public func writers(_ id: AccountID, _ name: BlobName) -> [UInt64: [UInt8]] { writerOf[id]?[name] ?? [:] }

    public func deviceUsage(_ id: AccountID) -> [[UInt8]: Int64] { deviceUsage[id] ?? [:] }

    public func deleteBlob(_ id: AccountID, _ name: BlobName, version: UInt64?) -> Int {
        let kept = blobs[id]?[name] ?? []
        let doomed = kept.filter { version == nil || $0.info.version == version }
        blobs[id]?[name] = kept.filter { !(version == nil || $0.info.version == version) }
        if blobs[id]?[name]?.isEmpty == true { blobs[id]?[name] = nil }
        accounts[id]?.usedBytes -= doomed.reduce(0) { $0 + Int64($1.data.count) }
        for blob in doomed {
            if let writer = writerOf[id]?[name]?.removeValue(forKey: blob.info.version), deviceUsage[id]?[writer] != nil {
                deviceUsage[id]?[writer]? -= Int64(blob.data.count)
            }
        }
        return doomed.count
    }

    public func challengeSecret() -> [UInt8] { secret }

    public func durabilitySettings() -> [String: String] { ["durable": "no (memory)"] }

    public func totals() -> (accounts: Int, bytes: Int64) {
        (accounts.count, accounts.values.reduce(0) { $0 + $1.usedBytes })
    }

    public func close() {}
}
