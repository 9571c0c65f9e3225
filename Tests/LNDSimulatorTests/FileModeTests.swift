import Foundation
import Testing
@testable import LNDSimulator
#if canImport(Glibc)
import Glibc
#endif

/// D9/D19: lnd's directories are 0700 (config.go:1054-1057, 1548-1562); channel.backup, its
/// temporary file and archives are created by `os.Create` (0666 less the umask,
/// chanbackup/backupfile.go:112, 223); admin.macaroon is 0640, readonly and invoice 0644
/// (lnd.go:63, 926-947). An agent running as another user depends on exactly these.
@Suite("lnd's file and directory modes")
struct FileModeTests {
    static func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    static var umaskNow: Int {
        let current = umask(0)
        umask(current)
        return Int(current)
    }

    @Test("directories 0700, channel.backup and archives 0666 less the umask, macaroons 0640/0644")
    func modes() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let directory = harness.directory
            let created = 0o666 & ~Self.umaskNow
            for folder in [directory.root, directory.root.appendingPathComponent("data"), directory.chainDirectory] {
                #expect(try Self.mode(folder) == 0o700, "\(folder.path)")
            }
            #expect(try Self.mode(directory.channelBackup) == created)
            let archives = directory.chainDirectory.appendingPathComponent("chan-backup-archives")
            let archive = try #require(try FileManager.default.contentsOfDirectory(atPath: archives.path).first)
            #expect(try Self.mode(archives.appendingPathComponent(archive)) == created)
            #expect(try Self.mode(directory.adminMacaroon) == 0o640 & ~Self.umaskNow)
            #expect(try Self.mode(directory.readOnlyMacaroon) == 0o644 & ~Self.umaskNow)
        }
    }
}
