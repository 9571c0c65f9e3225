import BlobStorage
import Foundation
import TestSupport
import Testing

@Suite struct MemoryBlobStoreTests {
    @Test(arguments: BlobStoreConformance.checkNames)
    func conformance(_ check: String) async throws {
        try await BlobStoreConformance(makeStore: { MemoryBlobStore(limits: $0) }).run(check)
    }

    @Test func versionNumbersAreNeverReusedAfterDelete() async throws {
        let store = MemoryBlobStore()
        let name = try BlobName("scb")
        let a = BlobStoreConformance.bytes(10, seed: 1)
        _ = try await store.put(name, version: 1, data: a, contentHash: BlobStoreConformance.hash(a))
        try await store.delete(name, version: 1)
        let b = BlobStoreConformance.bytes(10, seed: 2)
        await #expect(throws: BlobStoreError.self) {
            try await store.put(name, version: 1, data: b, contentHash: BlobStoreConformance.hash(b))
        }
        _ = try await store.put(name, version: 2, data: b, contentHash: BlobStoreConformance.hash(b))
        #expect(try await store.list().map(\.latest.version) == [2])
    }
}

@Suite struct BlobNameTests {
    @Test(arguments: ["scb", "channel.backup", "A-1_b.c", String(repeating: "x", count: 128)])
    func accepts(_ name: String) throws {
        #expect(try BlobName(name).rawValue == name)
    }

    @Test(arguments: ["", ".hidden", "..", "../etc", "a/b", "a%2Fb", "-x", "_x", "a b", "é", "a\n", String(repeating: "x", count: 129)])
    func rejects(_ name: String) {
        #expect(throws: BlobStoreError.self) { try BlobName(name) }
        #expect(!BlobName.isValid(name))
    }
}

@Suite struct RetentionPolicyTests {
    static let day: Int64 = 86_400_000
    static let now = Date(unixMilliseconds: 400 * day + 12 * 3_600_000)

    /// One version every 6 hours for 400 days, oldest first.
    static func history() throws -> [BlobInfo] {
        let hash = try ContentHash([UInt8](repeating: 1, count: 32))
        let name = try BlobName("scb")
        return (0..<1600).map { i in
            BlobInfo(name: name, version: UInt64(i + 1), size: 1, contentHash: hash,
                     storedAt: Date(unixMilliseconds: now.unixMilliseconds - Int64(1600 - i) * 6 * 3_600_000))
        }
    }

    @Test func keepsEverythingRecentThenDailiesThenNothing() throws {
        let history = try Self.history()
        let pruned = Set(RetentionPolicy(keepAllDays: 30, keepDailyDays: 365).prunable(history, now: Self.now).map(\.version))
        for info in history {
            let age = Self.now.unixMilliseconds - info.storedAt.unixMilliseconds
            let isLastOfDay = !history.contains { $0.version > info.version && $0.storedAt.unixMilliseconds / Self.day == info.storedAt.unixMilliseconds / Self.day }
            let expectKept = age < 30 * Self.day || (isLastOfDay && age < 365 * Self.day)
            #expect(pruned.contains(info.version) == !expectKept, "version \(info.version), age \(age / Self.day) days")
        }
    }

    @Test func junkFloodCannotPushOutOldVersions() throws {
        // A compromised device adds 10,000 versions today: yesterday's good version is still kept.
        let hash = try ContentHash([UInt8](repeating: 2, count: 32))
        let name = try BlobName("scb")
        let good = BlobInfo(name: name, version: 1, size: 1, contentHash: hash, storedAt: Date(unixMilliseconds: Self.now.unixMilliseconds - Self.day))
        let junk = (2...10_001).map { BlobInfo(name: name, version: UInt64($0), size: 1, contentHash: hash, storedAt: Self.now) }
        #expect(RetentionPolicy.default.prunable([good] + junk, now: Self.now).isEmpty)
    }

    @Test func latestIsAlwaysKeptAndForeverKeepsAll() throws {
        let history = try Self.history()
        let old = Array(history.prefix(3))
        #expect(!RetentionPolicy(keepAllDays: 1, keepDailyDays: 0).prunable(old, now: Self.now).contains { $0.version == 3 })
        #expect(RetentionPolicy.keepForever.prunable(history, now: Self.now).isEmpty)
    }
}
