import Foundation
import Testing
@testable import LNDSimulator
import TestSupport

@Suite("channel.backup is replaced like lnd's MultiFile.UpdateAndSwap")
struct ChannelBackupFileWriterTests {
    @Test("a stale temp file is removed, the old file archived, the new one renamed into place")
    func updateAndSwap() throws {
        let scratch = try TemporaryDirectory(prefix: "lnd-sim-file")
        let directory = scratch.url
        let file = ChannelBackupFileWriter(path: directory.appendingPathComponent("channel.backup"))
        try file.updateAndSwap([1, 2, 3], now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(FileManager.default.contents(atPath: file.path.path) == Data([1, 2, 3]))
        #expect(!FileManager.default.fileExists(atPath: file.archiveDirectory.path), "nothing to archive the first time")

        _ = FileManager.default.createFile(atPath: file.temporaryPath.path, contents: Data([9, 9, 9, 9, 9]))
        try file.updateAndSwap([4, 5], now: Date(timeIntervalSince1970: 1_700_000_100))
        #expect(FileManager.default.contents(atPath: file.path.path) == Data([4, 5]))
        #expect(!FileManager.default.fileExists(atPath: file.temporaryPath.path))
        let archives = try FileManager.default.contentsOfDirectory(atPath: file.archiveDirectory.path)
        #expect(archives.count == 1)
        let archive = try #require(archives.first)
        #expect(archive.hasPrefix("channel.backup-"))
        #expect(archive.count == "channel.backup-YYYY-MM-DD-HH-MM-SS".count)
        #expect(FileManager.default.contents(atPath: file.archiveDirectory.appendingPathComponent(archive).path) == Data([1, 2, 3]))
        let mode = try FileManager.default.attributesOfItem(atPath: file.archiveDirectory.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test("a crash before the rename leaves the previous channel.backup intact")
    func crashBeforeRename() throws {
        let scratch = try TemporaryDirectory(prefix: "lnd-sim-file")
        let directory = scratch.url
        let file = ChannelBackupFileWriter(path: directory.appendingPathComponent("channel.backup"))
        try file.updateAndSwap([1, 2, 3])
        // Simulate lnd dying after writing the temp file (step 2) and before the rename (step 4).
        try PosixFile.writeAndSync([7, 7], to: file.temporaryPath, mode: 0o600)
        #expect(FileManager.default.contents(atPath: file.path.path) == Data([1, 2, 3]))
        // The next update starts by deleting the leftover.
        try file.updateAndSwap([8])
        #expect(FileManager.default.contents(atPath: file.path.path) == Data([8]))
    }
}
