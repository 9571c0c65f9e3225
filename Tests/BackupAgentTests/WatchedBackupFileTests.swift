import BackupAgent
import BackupCore
import Foundation
import Logging
import Testing
import TestSupport

/// The agent watches where lnd really writes channel.backup (lnd.conf `datadir=`,
/// `backupfilepath=`, config.go:1516-1519, 1563-1569), and waits for that folder when it does
/// not exist yet or goes away.
@Suite("Where the agent watches lnd's channel.backup")
struct WatchedBackupFileTests {
    func configuration(lnddir: String, conf: String) throws -> AgentConfiguration {
        try FileManager.default.createDirectory(atPath: lnddir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: lnddir + "/lnd.conf", contents: Data(conf.utf8))
        var flags = AgentConfigFile()
        flags.lnddir = lnddir
        flags.network = "testnet"
        return try AgentConfiguration.resolve(configPath: nil, environment: ["HOME": "/home/pi"], flags: flags)
    }

    @Test("lnd.conf's datadir= and backupfilepath= decide the watched folder and file")
    func honoursLNDConf() throws {
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        let plain = try configuration(lnddir: dir.path + "/a", conf: "[Application Options]\nalias=x\n")
        #expect(plain.lndBackupFile == dir.path + "/a/data/chain/bitcoin/testnet/channel.backup")
        let dataDir = try configuration(lnddir: dir.path + "/b", conf: "[Application Options]\ndatadir=~/ssd/lnd-data\n")
        #expect(dataDir.lndDataDirectory == "/home/pi/ssd/lnd-data/chain/bitcoin/testnet")
        #expect(try dataDir.settings(account: "07").lndBackupFileName == "channel.backup")
        let explicit = try configuration(lnddir: dir.path + "/c", conf: "datadir=/x\nbackupfilepath=/mnt/usb/node.backup\n")
        #expect(explicit.lndDataDirectory == "/mnt/usb")
        #expect(try explicit.settings(account: "07").lndBackupFileName == "node.backup")
    }

    @Test("a folder that does not exist yet is watched once it appears, and again after it went away")
    func waitsForTheFolder() async throws {
        let h = try Harness()
        let root = try TemporaryDirectory(prefix: "casa-agent")
        let folder = root.path + "/later/data/chain/bitcoin/regtest"
        var logger = Logger(label: "watcher-test")
        logger.logLevel = .critical
        let watcher = DirectoryWatcher(directory: folder, pipeline: h.runtime.pipeline, logger: logger)
        let running = Task { await watcher.run(retry: .milliseconds(50)) }
        defer { running.cancel() }
        let pending = h.state.path + "/pending-channel.backup"
        try await Task.sleep(for: .milliseconds(200))
        #expect(!FileManager.default.fileExists(atPath: pending))

        for round in 1...2 {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let multi = try h.lnd.encryptedMulti()
            // lnd writes a temporary file and renames it over channel.backup.
            FileManager.default.createFile(atPath: folder + "/temp-dont-use.backup", contents: Data(multi))
            try FileManager.default.moveItem(atPath: folder + "/temp-dont-use.backup", toPath: folder + "/channel.backup")
            #expect(await eventually(limit: .seconds(10)) { FileManager.default.contents(atPath: pending).map { [UInt8]($0) } == multi }, "round \(round)")
            try FileManager.default.removeItem(atPath: root.path + "/later")
            try await Task.sleep(for: .milliseconds(150))
        }
    }
}

extension AgentConfiguration {
    /// Settings with a given account (the tests do not enroll).
    func settings(account hexByte: String) throws -> AgentSettings {
        var copy = self
        copy.account = String(repeating: hexByte, count: 32)
        return try copy.settings()
    }
}

/// L11: a file read just before a newer stream update was saved must not stay on top.
@Suite("A stale channel.backup after a newer stream update")
struct StaleFileTests {
    @Test("The newest snapshot holds lnd's current channels, not the file's older ones")
    func lndsExportFollowsAStaleFile() async throws {
        let h = try Harness()
        try await h.runtime.pipeline.install(AgentKeys.derive(from: h.lnd, account: h.account))
        try h.lnd.setChannels(2)
        let staleFile = try h.lnd.encryptedMulti()  // read from disk here…
        try h.lnd.setChannels(3)                    // …while lnd moved on and streamed it first
        _ = try await h.runtime.pipeline.ingest(h.lnd.encryptedMulti(), origin: .subscription)
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        try Data(staleFile).write(to: URL(fileURLWithPath: dir.path + "/channel.backup"))
        var logger = Logger(label: "stale-file-test")
        logger.logLevel = .critical
        let lnd = h.lnd
        let watcher = DirectoryWatcher(directory: dir.path, pipeline: h.runtime.pipeline, logger: logger,
                                       exportCurrent: { try lnd.encryptedMulti() })

        await watcher.ingestFile()

        let newest = try #require(h.store.snapshots.last)
        #expect(try h.openSealed(newest.sealed).multi == (try h.lnd.currentMulti()))
        #expect(try h.openSealed(newest.sealed).multi.singles.count == 3)
    }
}
