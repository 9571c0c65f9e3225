import BackupCore
import Foundation
import Recovery
import TestSupport

/// Vectors A and B (docs/lnd.md §6) written out as the files a user would have.
struct RecoveryFixtures {
    let dir: TemporaryDirectory
    let vectorA: VectorFile
    let vectorB: VectorFile
    let backupA: String
    let backupAHex: String
    let backupB: String
    let wordsA: String
    let passphraseA: String
    let rootKeyB: String

    init() throws {
        dir = try TemporaryDirectory(prefix: "casa-recover")
        vectorA = try VectorFile.load("scb", "anchors-multi.vector")
        vectorB = try VectorFile.load("scb", "custom-channel-single.vector")
        backupA = try dir.write("channel.backup", vectorA.body)
        backupAHex = try dir.write("channel.backup.hex", text: vectorA.body.map { String(format: "%02x", $0) }.joined() + "\n")
        backupB = try dir.write("single.backup", vectorB.body)
        // Words separated by mixed whitespace with one trailing newline, as the issue allows.
        let words = try vectorA.field("mnemonic").split(separator: " ")
        wordsA = try dir.write("words.txt", text: words[0..<12].joined(separator: " ") + "\n\t" + words[12...].joined(separator: "  ") + "\n")
        passphraseA = try dir.write("passphrase.txt", text: try vectorA.field("aezeed passphrase") + "\n")
        rootKeyB = try dir.write("rootkey.txt", text: try vectorB.field("rootkey") + "\n")
    }

    /// Writes 24 words to a file and returns its path.
    func words(_ text: String, name: String = "other-words.txt") throws -> String {
        try dir.write(name, text: text)
    }
}
