import BackupCore
import Foundation
import Recovery
import Testing
import TestSupport
import BlobStorage

/// `list`, `fetch` and `verify` as real subprocesses, from a local snapshot folder.
@Suite struct SnapshotCommandTests {
    let fixtures: SnapshotFixtures
    let folder: String

    init() throws {
        fixtures = try SnapshotFixtures()
        folder = try fixtures.folder(sequences: [1, 2])
    }

    var seedArguments: [String] { ["--words-file", fixtures.files.wordsA, "--passphrase-file", fixtures.files.passphraseA] }

    func run(_ arguments: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run("casa-recover", arguments, environment: [:])
    }

    @Test func listJSONIsNewestFirst() async throws {
        let result = try await run(["list", "--from", folder, "--json"] + seedArguments)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["account"] as? String == fixtures.account.hex)
        let snapshots = try #require(object["snapshots"] as? [[String: Any]])
        #expect(snapshots.map { ($0["number"] as? NSNumber)?.intValue } == [2, 1])
        #expect(snapshots.allSatisfy { ($0["channels"] as? NSNumber)?.intValue == 1 && $0["status"] as? String == "ok" })
        #expect(snapshots.first?["network"] as? String == "regtest")
        #expect(Set(snapshots[0].keys) == ["number", "source", "stored_at", "created_at", "counter", "network", "channels",
                                           "capacity_sat", "size", "status", "problem", "warnings", "writer", "parent"])
        #expect(Set(object.keys) == ["account", "source", "forked", "branches", "warnings", "snapshots"])
        #expect(object["forked"] as? Bool == false)
    }

    @Test func listTableSaysWhatToDoNext() async throws {
        let result = try await run(["list", "--from", folder] + seedArguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 snapshots (2 usable)"))
        #expect(result.stdout.contains("ok (newest)"))
        #expect(result.stdout.contains("casa-recover fetch"))
    }

    @Test func fetchWritesLndsExactBytesAndNeverOverwrites() async throws {
        let output = fixtures.files.dir.path + "/restored.backup"
        let first = try await run(["fetch", "--from", folder, "--output", output, "--json"] + seedArguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: output))) == fixtures.lndBackup)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(report["output"] as? String == output)
        #expect(((report["snapshot"] as? [String: Any])?["counter"] as? NSNumber)?.intValue == 2)
        #expect((report["channels"] as? [[String: Any]])?.first?["channel_point"] as? String
                == "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0")

        // The written file is what inspect (and lnd) read.
        let inspect = try await run(["inspect", "--backup", output, "--network", "regtest"] + seedArguments)
        #expect(inspect.status == 0, "\(inspect.stderr)")

        try Data("keep me".utf8).write(to: URL(fileURLWithPath: output))
        let again = try await run(["fetch", "--from", folder, "--output", output, "--snapshot", "1"] + seedArguments)
        #expect(again.status == 73)
        #expect(again.stderr.contains("--force"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")

        let forced = try await run(["fetch", "--from", folder, "--output", output, "--snapshot", "1", "--force"] + seedArguments)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: output))) == fixtures.lndBackup)
    }

    @Test func verifyShowsTheChannelsAndWritesNothing() async throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: fixtures.files.dir.path)
        let result = try await run(["verify", "--from", folder] + seedArguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Multi (channel.backup) on regtest: 1 channel, 10000000 sat"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.files.dir.path) == before)
    }

    @Test func wrongWordsChangeNothingAndSaySo() async throws {
        let other = try fixtures.files.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")
        let output = fixtures.files.dir.path + "/never.backup"
        let result = try await run(["fetch", "--from", folder, "--output", output, "--words-file", other])
        #expect(result.status == 68)
        #expect(result.stderr.contains("not made by this seed"))
        #expect(!FileManager.default.fileExists(atPath: output))

        let wrongPassphrase = try fixtures.files.dir.write("wrong-pass.txt", text: "El Psy Congroo\n")
        let bad = try await run(["fetch", "--from", folder, "--output", output, "--words-file", fixtures.files.wordsA, "--passphrase-file", wrongPassphrase])
        #expect(bad.status == 67)
        #expect(bad.stderr.contains("Nothing was changed"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func missingLocationIsAUsageError() async throws {
        let result = try await run(["list"] + seedArguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--from DIR"))
    }
}

extension SnapshotCommandTests {
    @Test func restoreWithWrongWordsTouchesNothing() async throws {
        let other = try fixtures.files.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")
        let workDir = fixtures.files.dir.path + "/restore-work"
        let result = try await run(["restore", "--from", folder, "--network", "regtest", "--lnddir", fixtures.files.dir.path + "/lnd",
                              "--work-dir", workDir, "--words-file", other])
        #expect(result.status == 68)
        #expect(result.stderr.contains("not made by this seed"))
        #expect(!FileManager.default.fileExists(atPath: workDir))
    }
}

extension SnapshotCommandTests {
    @Test func statusWithoutLndSaysWhereItLooked() async throws {
        let result = try await run(["status", "--lnddir", fixtures.files.dir.path + "/no-lnd", "--network", "regtest"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("tls.cert"))
    }
}

extension SnapshotCommandTests {
    @Test func restoreFromARawChannelBackupChecksTheWordsFirst() async throws {
        let other = try fixtures.files.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")
        let workDir = fixtures.files.dir.path + "/raw-work"
        let wrong = try await run(["restore", "--backup", fixtures.files.backupA, "--network", "regtest", "--lnddir", fixtures.files.dir.path + "/lnd",
                             "--work-dir", workDir, "--words-file", other])
        #expect(wrong.status == 68)
        #expect(!FileManager.default.fileExists(atPath: workDir))
        // The right words get as far as lnd (there is none here): the backup itself was accepted.
        let right = try await run(["restore", "--backup", fixtures.files.backupA, "--network", "regtest", "--lnddir", fixtures.files.dir.path + "/lnd",
                             "--work-dir", workDir] + seedArguments)
        #expect(right.status == 69, "\(right.stderr)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: workDir + "/channel.backup"))) == fixtures.lndBackup)
    }
}
