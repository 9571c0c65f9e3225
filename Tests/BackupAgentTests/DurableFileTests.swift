@testable import BackupAgent
import Foundation
import Testing
import TestSupport

/// L10: the agent's small files (device key, pending lnd copy, node identity) are written
/// through a temporary file that is never a planted link or someone else's open file.
@Suite struct DurableFileTests {
    @Test func aPlantedSymlinkAtTheTemporaryNameIsNotFollowed() throws {
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        let victim = dir.path + "/victim"
        try Data("do not touch".utf8).write(to: URL(fileURLWithPath: victim))
        let path = dir.path + "/device.key"
        try FileManager.default.createSymbolicLink(atPath: path + ".tmp", withDestinationPath: victim)

        try DurableFile.write(Array("secret".utf8), to: path, mode: 0o600)

        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "do not touch")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "secret")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
    }
}
