import Foundation
import Recovery
import Sodium
import Testing
import TestSupport

/// The agent's snapshot file format, read from its spec's independent vector (docs/local-store.md).
@Suite struct LocalSnapshotFileTests {
    let vector: VectorFile

    init() throws {
        vector = try VectorFile.load("local-store", "snapshot-file-v1.txt")
    }

    @Test func decodesTheVector() throws {
        let file = try LocalSnapshotFile(decoding: try vector.hexField("expect"))
        #expect(file.sequence == 42)
        #expect(file.createdAtMilliseconds == 1_764_085_212_345)
        #expect(file.channelCount == 3)
        #expect(file.multiHash == (try vector.hexField("multi_hash")))
        #expect(file.contentHash == (try vector.hexField("content_hash")))
        #expect(file.sealed == (try vector.hexField("sealed")))
    }

    @Test func encodesTheVector() throws {
        let file = LocalSnapshotFile(sequence: 42, createdAtMilliseconds: 1_764_085_212_345, channelCount: 3,
                                     multiHash: try vector.hexField("multi_hash"), sealed: try vector.hexField("sealed"))
        #expect(file.encoded() == (try vector.hexField("expect")))
    }

    @Test func everyDamageIsReported() throws {
        let good = try vector.hexField("expect")
        var flippedBody = good
        flippedBody[good.count - 1] ^= 1
        var flippedHeader = good
        flippedHeader[13] ^= 1
        for (bytes, words) in [(Array(good.prefix(100)), "truncated"), (flippedBody, "hash"), (flippedHeader, "checksum"),
                               (Array(good.dropLast()), "cut or extended"), ([UInt8](repeating: 0, count: 200), "magic")] {
            #expect {
                _ = try LocalSnapshotFile(decoding: bytes)
            } throws: { error in
                "\(error)".contains(words) || ((error as? RecoveryError)?.description.contains(words) ?? false)
            }
        }
    }

    @Test func fileNamesCarryTheSequence() {
        #expect(LocalSnapshotFile.fileName(sequence: 42) == "snapshot-00000000000000000042.casa")
        #expect(LocalSnapshotFile.sequence(fromFileName: "snapshot-00000000000000000042.casa") == 42)
        #expect(LocalSnapshotFile.sequence(fromFileName: "snapshot-00000000000000000042.casa.tmp") == nil)
        #expect(LocalSnapshotFile.sequence(fromFileName: "snapshot-42.casa") == nil)
    }
}
