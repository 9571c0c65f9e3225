import BlobStorage
import Foundation
import Sodium
import Testing
import TestSupport
import VaultAPI
@testable import VaultServer
import Codecs

/// Review M1b on every backend: a device key alone cannot steer retention or fill the account.
@Suite struct DeviceWriterTests {
    /// A put signed by `key` (authorized by the backend, as the HTTP route does).
    static func put(
        _ repository: any VaultRepository, _ identity: Identity, as key: [UInt8], _ version: UInt64, seed: UInt8,
        size: Int = 10, limits: BlobStoreLimits = .default, at now: Date
    ) async throws -> BlobInfo {
        let data = BlobStoreConformance.bytes(size, seed: seed)
        return try await repository.putBlob(
            identity.account, try BlobName("scb"), version: version, data: data, contentHash: try BlobStoreConformance.hash(data),
            limits: limits, now: now, authorization: PutAuthorization(signer: key, roles: Role.readers, admit: { _ in })).info
    }

    /// Two enrolled devices: the node's and a stolen one.
    static func account(_ repository: any VaultRepository, thief: [UInt8]) async throws -> Identity {
        let identity = try Identity()
        var record = identity.record()
        record.devices.append(DeviceRecord(key: thief, label: "stolen", createdAt: record.createdAt))
        _ = try await repository.createAccount(record)
        return identity
    }

    @Test(arguments: Backend.available)
    func junkAsTheLastUploadOfEachDayKeepsTheOtherDevicesDailies(_ backend: Backend) async throws {
        let repository = try await backend.makeRepository()
        let thief = try Identity().device.publicKey
        let identity = try await Self.account(repository, thief: thief)
        let clock = TestClock(Date(timeIntervalSince1970: 1_700_006_400))  // a UTC midnight
        var version: UInt64 = 0
        var good: Set<UInt64> = []
        // 40 days: the node uploads at 10:00, the thief uploads junk at 23:00.
        for day in 0..<40 {
            clock.advance(seconds: 10 * 3600)
            version += 1
            _ = try await Self.put(repository, identity, as: identity.device.publicKey, version, seed: UInt8(day), at: clock.now)
            good.insert(version)
            clock.advance(seconds: 13 * 3600)
            version += 1
            _ = try await Self.put(repository, identity, as: thief, version, seed: UInt8(100 + day), at: clock.now)
            clock.advance(seconds: 3600)
        }
        try await repository.setPolicy(identity.account, AccountPolicy(retention: RetentionPolicy(keepAllDays: 3, keepDailyDays: 365)))
        // This account only: PostgreSQL is shared by the tests running at the same time.
        _ = try await RetentionPass(repository: repository, clock: clock.vaultClock).run(try #require(try await repository.account(identity.account)))
        let kept = Set(try await repository.versions(identity.account, try BlobName("scb"), after: nil, limit: 1000).map(\.version))
        #expect(good.isSubset(of: kept), "good dailies deleted: \(good.subtracting(kept).sorted())")
        try await repository.close()
    }

    @Test(arguments: Backend.available)
    func eachDeviceHasItsOwnQuota(_ backend: Backend) async throws {
        let repository = try await backend.makeRepository()
        let thief = try Identity().device.publicKey
        let identity = try await Self.account(repository, thief: thief)
        let limits = BlobStoreLimits(maxBlobSize: 100, quotaBytes: 1000, deviceQuotaBytes: 300)
        let now = Date()
        for v in UInt64(1)...3 { _ = try await Self.put(repository, identity, as: thief, v, seed: UInt8(v), size: 100, limits: limits, at: now) }
        do {
            _ = try await Self.put(repository, identity, as: thief, 4, seed: 4, size: 100, limits: limits, at: now)
            Issue.record("a fourth put over the device quota was accepted")
        } catch let error as BlobStoreError {
            #expect(error.code == .quotaExceeded && error.detailCode == VaultErrorCode.deviceQuotaExceeded.rawValue, "\(error)")
        }
        // The account has room: the node's device and the owner still write.
        _ = try await Self.put(repository, identity, as: identity.device.publicKey, 4, seed: 5, size: 100, limits: limits, at: now)
        _ = try await Self.put(repository, identity, as: identity.owner.publicKey, 5, seed: 6, size: 100, limits: limits, at: now)
        #expect(try await repository.deviceUsage(identity.account) == [thief: 300, identity.device.publicKey: 100])
        // Usage follows deletions: once the owner deletes a junk version, the thief's device has room again.
        #expect(try await repository.deleteBlob(identity.account, try BlobName("scb"), version: 1) == 1)
        #expect(try await repository.deviceUsage(identity.account)[thief] == 200)
        _ = try await Self.put(repository, identity, as: thief, 6, seed: 7, size: 100, limits: limits, at: now)
        try await repository.close()
    }

    @Test func theOwnerSeesWhatEachDeviceUploaded() async throws {
        try await AttackTests.withAccount(configure: { $0.limits.deviceQuotaBytes = 8 << 20 }) { vault, identity in
            let account = try await vault.client(identity.owner).send("GET", VaultPath.account(identity.account)).json(AccountResponse.self)
            #expect(account.deviceQuotaBytes == 8 << 20)
            #expect(account.deviceUsedBytes == [Hex.encode(identity.device.publicKey): 100], "the setup put of 100 bytes")
            let seenByDevice = try await vault.client(identity.device).send("GET", VaultPath.account(identity.account)).json(AccountResponse.self)
            #expect(seenByDevice.deviceUsedBytes == nil, "for the owner only")
            #expect(try await vault.repository.deviceUsage(identity.account) == [identity.device.publicKey: 100])
        }
    }
}
