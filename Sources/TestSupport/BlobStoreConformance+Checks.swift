import BlobStorage
import Sodium

extension BlobStoreConformance {
    func putThenGet() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("channel-backup")
        let data = Self.bytes(1000, seed: 1)
        let info = try await store.put(name, version: 1, data: data, contentHash: Self.hash(data))
        try Self.expect(info.name == name && info.version == 1 && info.size == 1000, "put returns name, version 1 and size, got \(info)")
        try Self.expect(info.contentHash == Self.hash(data), "put returns the content hash")
        let latest = try await store.get(name, version: nil)
        try Self.expect(latest.data == data && latest.info == info, "latest returns the bytes and info that were put")
        let v1 = try await store.get(name, version: 1)
        try Self.expect(v1 == latest, "get(version: 1) equals latest")
        let second = Self.bytes(500, seed: 2)
        let info2 = try await store.put(name, version: 2, data: second, contentHash: Self.hash(second))
        try Self.expect(info2.version == 2, "second put is version 2")
        try Self.expect(try await store.get(name, version: nil).data == second, "latest follows the newest put")
        try Self.expect(try await store.get(name, version: 1).data == data, "older versions stay readable")
    }

    func versionsStartAtOne() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("a")
        let data = Self.bytes(10, seed: 3)
        try await Self.expectError(.versionConflict, currentVersion: 0, "a new name starts at version 1") {
            try await store.put(name, version: 2, data: data, contentHash: Self.hash(data))
        }
        try await Self.expectError(.invalidVersion, "version 0 is invalid") {
            try await store.put(name, version: 0, data: data, contentHash: Self.hash(data))
        }
    }

    func retryIsIdempotent() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("scb")
        let data = Self.bytes(64, seed: 4)
        let first = try await store.put(name, version: 1, data: data, contentHash: Self.hash(data))
        let again = try await store.put(name, version: 1, data: data, contentHash: Self.hash(data))
        try Self.expect(first == again, "a retried put returns the original receipt (\(first) vs \(again))")
        let versions = try await store.versions(of: name, after: nil, limit: 10)
        try Self.expect(versions == [first], "a retried put stores nothing new, got \(versions)")
    }

    func differentHashIsPossibleClone() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("scb")
        let original = Self.bytes(64, seed: 5)
        _ = try await store.put(name, version: 1, data: original, contentHash: Self.hash(original))
        let other = Self.bytes(64, seed: 6)
        try await Self.expectError(.possibleClone, currentVersion: 1, "same version, different snapshot hash") {
            try await store.put(name, version: 1, data: other, contentHash: Self.hash(other))
        }
        try Self.expect(try await store.get(name, version: 1).data == original, "the clone's put overwrote nothing")
    }

    func staleOrSkippingWriterConflicts() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("scb")
        for v in UInt64(1)...3 {
            let d = Self.bytes(32, seed: UInt8(v))
            _ = try await store.put(name, version: v, data: d, contentHash: Self.hash(d))
        }
        let junk = Self.bytes(32, seed: 99)
        try await Self.expectError(.possibleClone, currentVersion: 3, "rewriting an old version with new content") {
            try await store.put(name, version: 2, data: junk, contentHash: Self.hash(junk))
        }
        try await Self.expectError(.versionConflict, currentVersion: 3, "skipping a version") {
            try await store.put(name, version: 5, data: junk, contentHash: Self.hash(junk))
        }
        try Self.expect(try await store.get(name, version: nil).info.version == 3, "latest is still 3")
        try Self.expect(try await store.currentVersion(of: name) == 3, "currentVersion is 3")
    }

    func missingIsNotFound() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("nothing-here")
        try await Self.expectError(.notFound, "latest of an unknown name") { try await store.get(name, version: nil) }
        try await Self.expectError(.notFound, "versions of an unknown name") { try await store.versions(of: name, after: nil, limit: 5) }
        let d = Self.bytes(8, seed: 7)
        _ = try await store.put(name, version: 1, data: d, contentHash: Self.hash(d))
        try await Self.expectError(.notFound, "a version that was never written") { try await store.get(name, version: 2) }
        try Self.expect(try await store.currentVersion(of: BlobName("other")) == 0, "currentVersion of an unknown name is 0")
    }

    func listAndPageVersions() async throws {
        let store = try await makeStore(.default)
        try Self.expect(try await store.list().isEmpty, "a new store lists nothing")
        let b = try BlobName("b-name"), a = try BlobName("a-name")
        for v in UInt64(1)...5 {
            let d = Self.bytes(Int(v) * 10, seed: UInt8(v))
            _ = try await store.put(b, version: v, data: d, contentHash: Self.hash(d))
        }
        let d = Self.bytes(3, seed: 42)
        _ = try await store.put(a, version: 1, data: d, contentHash: Self.hash(d))
        let list = try await store.list()
        try Self.expect(list.map(\.name) == [a, b], "list is sorted by name, got \(list.map(\.name))")
        try Self.expect(list[1].latest.version == 5 && list[1].versionCount == 5 && list[1].latest.size == 50, "list shows latest version and count, got \(list[1])")
        let page1 = try await store.versions(of: b, after: nil, limit: 2)
        try Self.expect(page1.map(\.version) == [1, 2], "first page is versions 1-2, got \(page1.map(\.version))")
        let page2 = try await store.versions(of: b, after: 2, limit: 2)
        try Self.expect(page2.map(\.version) == [3, 4], "second page is versions 3-4, got \(page2.map(\.version))")
        let page3 = try await store.versions(of: b, after: 4, limit: 2)
        try Self.expect(page3.map(\.version) == [5] && page3[0].size == 50, "last page is version 5")
    }

    func maxBlobSize() async throws {
        let store = try await makeStore(BlobStoreLimits(maxBlobSize: 1024, quotaBytes: 1 << 20))
        let name = try BlobName("big")
        let tooBig = Self.bytes(1025, seed: 8)
        try await Self.expectError(.tooLarge, "one byte over the maximum") {
            try await store.put(name, version: 1, data: tooBig, contentHash: Self.hash(tooBig))
        }
        let exact = Self.bytes(1024, seed: 9)
        _ = try await store.put(name, version: 1, data: exact, contentHash: Self.hash(exact))
        let empty: [UInt8] = []
        _ = try await store.put(name, version: 2, data: empty, contentHash: Self.hash(empty))
        try Self.expect(try await store.get(name, version: 2).data.isEmpty, "an empty blob is allowed")
    }

    func quotaRefusesWithoutDeleting() async throws {
        let store = try await makeStore(BlobStoreLimits(maxBlobSize: 1000, quotaBytes: 2500))
        let name = try BlobName("scb")
        var kept: [[UInt8]] = []
        for v in UInt64(1)...2 {
            let d = Self.bytes(1000, seed: UInt8(v))
            kept.append(d)
            _ = try await store.put(name, version: v, data: d, contentHash: Self.hash(d))
        }
        let third = Self.bytes(1000, seed: 3)
        try await Self.expectError(.quotaExceeded, "a put over the quota") {
            try await store.put(name, version: 3, data: third, contentHash: Self.hash(third))
        }
        for (i, d) in kept.enumerated() {
            try Self.expect(try await store.get(name, version: UInt64(i + 1)).data == d, "old versions survive a full quota")
        }
        let small = Self.bytes(500, seed: 4)
        _ = try await store.put(name, version: 3, data: small, contentHash: Self.hash(small))
        try Self.expect(try await store.currentVersion(of: name) == 3, "a put that fits the quota still works")
    }

    func bytesAreExact() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("Every.Byte_value-1")
        let data = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) } + Array(0...255)
        _ = try await store.put(name, version: 1, data: data, contentHash: Self.hash(data))
        try Self.expect(try await store.get(name, version: 1).data == data, "every byte value round-trips")
    }

    func concurrentSameVersionHasOneWinner() async throws {
        let store = try await makeStore(.default)
        let name = try BlobName("raced")
        let writers = 12
        let results = await withTaskGroup(of: Result<BlobInfo, any Error>.self) { group in
            for i in 0..<writers {
                group.addTask {
                    let d = Self.bytes(100, seed: UInt8(i))
                    do { return .success(try await store.put(name, version: 1, data: d, contentHash: Self.hash(d))) }
                    catch { return .failure(error) }
                }
            }
            var all: [Result<BlobInfo, any Error>] = []
            for await r in group { all.append(r) }
            return all
        }
        let winners = results.compactMap { try? $0.get() }
        try Self.expect(winners.count == 1, "exactly one of \(writers) racing writers of version 1 wins, got \(winners.count)")
        for case .failure(let error) in results {
            let code = (error as? BlobStoreError)?.code
            try Self.expect(code == .possibleClone || code == .versionConflict, "losers get a conflict, got \(error)")
        }
        let stored = try await store.get(name, version: 1)
        try Self.expect(stored.info == winners.first, "the stored version is the winner's")
        try Self.expect(stored.info.contentHash == Self.hash(stored.data), "the stored bytes match the winner's hash")
    }

    func concurrentNamesAllCommit() async throws {
        let store = try await makeStore(.default)
        let count = 16
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<count {
                group.addTask {
                    let name = try BlobName("n\(i)")
                    for v in UInt64(1)...3 {
                        let d = Self.bytes(200, seed: UInt8(i * 3) &+ UInt8(v))
                        _ = try await store.put(name, version: v, data: d, contentHash: Self.hash(d))
                    }
                }
            }
            try await group.waitForAll()
        }
        let list = try await store.list()
        try Self.expect(list.count == count && list.allSatisfy { $0.latest.version == 3 && $0.versionCount == 3 }, "all concurrent puts committed")
    }
}
