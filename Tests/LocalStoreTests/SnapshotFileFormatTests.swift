import LocalStore
import Testing
import TestSupport

@Suite struct SnapshotFileFormatTests {
    func vector() throws -> (SnapshotMetadata, [UInt8], [UInt8]) {
        let v = try VectorFile.load("local-store", "snapshot-file-v1.txt")
        let f = v.fields
        let sealed = try v.hexField("sealed")
        let metadata = SnapshotMetadata(
            sequence: try #require(UInt64(f["sequence"] ?? "")),
            createdAtMilliseconds: try #require(Int64(f["created_at_ms"] ?? "")),
            channelCount: try #require(Int(f["channel_count"] ?? "")),
            multiHash: try v.hexField("multi_hash"),
            contentHash: try v.hexField("content_hash"),
            size: sealed.count
        )
        return (metadata, sealed, try v.hexField("expect"))
    }

    @Test func encodesTheSpecifiedLayout() throws {
        let (metadata, sealed, expected) = try vector()
        #expect(SnapshotFileFormat.encode(metadata, sealed: sealed) == expected)
        let decoded = try SnapshotFileFormat.decode(expected, path: "v", expectedSequence: 42)
        #expect(decoded.metadata == metadata)
        #expect(decoded.sealed == sealed)
    }

    @Test func everyTruncationIsDetected() throws {
        let (_, _, file) = try vector()
        for length in 0..<file.count {
            #expect(throws: SnapshotCorruption.self) {
                try SnapshotFileFormat.decode(Array(file.prefix(length)), path: "v", expectedSequence: 42)
            }
        }
        #expect(throws: SnapshotCorruption.self) {
            try SnapshotFileFormat.decode(file + [0], path: "v", expectedSequence: 42)
        }
    }

    @Test func everyFlippedByteIsDetected() throws {
        let (_, _, file) = try vector()
        for offset in file.indices {
            var damaged = file
            damaged[offset] ^= 0x01
            #expect(throws: SnapshotCorruption.self) {
                try SnapshotFileFormat.decode(damaged, path: "v", expectedSequence: 42)
            }
        }
    }

    @Test func aFileUnderTheWrongNameIsRejected() throws {
        let (_, _, file) = try vector()
        do {
            _ = try SnapshotFileFormat.decode(file, path: "v", expectedSequence: 43)
            Issue.record("a renamed file must not be served under another sequence")
        } catch {
            #expect(error.reason == .sequenceMismatch(name: 43, header: 42))
            #expect(error.description.contains("#43"))
        }
    }

    @Test func fileNamesSortBySequenceAndRejectForeignNames() {
        #expect(SnapshotFileFormat.fileName(for: 42) == "snapshot-00000000000000000042.casa")
        #expect(SnapshotFileFormat.sequence(fromFileName: "snapshot-00000000000000000042.casa") == 42)
        #expect(SnapshotFileFormat.sequence(fromFileName: "snapshot-00000000000000000042.casa.tmp") == nil)
        #expect(SnapshotFileFormat.sequence(fromFileName: "snapshot-0042.casa") == nil)
        #expect(SnapshotFileFormat.sequence(fromFileName: "snapshot-1844674407370955161x.casa") == nil)
        // Above Int64.max: ignored rather than trapping in the catalog.
        #expect(SnapshotFileFormat.sequence(fromFileName: "snapshot-18446744073709551615.casa") == nil)
        #expect(SnapshotFileFormat.fileName(for: 9) < SnapshotFileFormat.fileName(for: 10))
    }
}
