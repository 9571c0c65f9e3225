import CommandLineSupport
import Foundation
import Recovery
import Testing
import TestSupport

@Suite struct ChannelBackupWriterTests {
    @Test func writesAtomicallyWithMode0600AndNeverOverwritesWithoutForce() throws {
        let dir = try TemporaryDirectory(prefix: "casa-writer")
        let path = dir.path + "/channel.backup"
        try ChannelBackupWriter.write([1, 2, 3], to: path, force: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)

        #expect {
            try ChannelBackupWriter.write([9, 9], to: path, force: false)
        } throws: { error in
            guard case .outputExists = error as? RecoveryError else { return false }
            return true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))

        try ChannelBackupWriter.write([9, 9], to: path, force: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([9, 9]))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["channel.backup"])
    }

    @Test func aMissingFolderIsAClearError() {
        #expect {
            try ChannelBackupWriter.write([1], to: "/nonexistent-casa-dir/channel.backup", force: false)
        } throws: { error in
            (error as? RecoveryError)?.exitStatus == .cannotWrite
        }
    }
}
