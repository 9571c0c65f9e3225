import BlobStorage
import Foundation
import Testing

/// Review M1b: a device key that uploads junk as the last version of each day must not make
/// retention delete another writer's good dailies.
@Suite struct RetentionPerWriterTests {
    static let day: Int64 = 86_400_000
    static let now = Date(unixMilliseconds: 100 * day + 12 * 3_600_000)
    static let good: [UInt8] = [1]
    static let thief: [UInt8] = [2]

    /// For each of the last 60 days: a good upload at 10:00 by one device, then junk at 23:00 by another.
    static func history() throws -> (versions: [BlobInfo], writers: [UInt64: [UInt8]]) {
        let hash = try ContentHash([UInt8](repeating: 3, count: 32))
        let name = try BlobName("scb")
        var versions: [BlobInfo] = []
        var writers: [UInt64: [UInt8]] = [:]
        for daysAgo in stride(from: 60, through: 1, by: -1) {
            let midnight = (100 - Int64(daysAgo)) * day
            for (hour, writer) in [(10, good), (23, thief)] {
                let info = BlobInfo(name: name, version: UInt64(versions.count + 1), size: 1, contentHash: hash,
                                    storedAt: Date(unixMilliseconds: midnight + Int64(hour) * 3_600_000))
                versions.append(info)
                writers[info.version] = writer
            }
        }
        return (versions, writers)
    }

    @Test func junkAsTheLastUploadOfEachDayKeepsTheOtherWritersDailies() throws {
        let (versions, writers) = try Self.history()
        let pruned = Set(RetentionPolicy.default.prunable(versions, now: Self.now) { writers[$0.version] }.map(\.version))
        let goodKept = versions.filter { writers[$0.version] == Self.good && !pruned.contains($0.version) }
        #expect(goodKept.count == 60, "every day's good upload survives, kept \(goodKept.count)")
    }

    @Test func withoutWritersTheLastUploadOfTheDayWins() throws {
        // The old rule, still used for versions whose writer is unknown (stored before writers were recorded).
        let (versions, writers) = try Self.history()
        let pruned = Set(RetentionPolicy.default.prunable(versions, now: Self.now).map(\.version))
        let goodOld = versions.filter { writers[$0.version] == Self.good && Self.now.unixMilliseconds - $0.storedAt.unixMilliseconds >= 30 * Self.day }
        #expect(goodOld.allSatisfy { pruned.contains($0.version) })
    }
}
