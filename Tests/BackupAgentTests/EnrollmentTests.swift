import BackupAgent
import BackupCore
import Foundation
import Secp256k1
import SeedKit
import Sodium
import TestSupport
import Synchronization
import Testing
import Codecs
import LightningTypes
import BlobStorage

@Suite("Enrollment")
struct EnrollmentTests {
    let vector: VectorFile
    let words: SecureBytes

    init() throws {
        vector = try VectorFile.load("keys", "backup-root-vector-a.txt")
        words = try SecureBytes(copying: Array(vector.field("mnemonic").utf8))
    }

    var passphrase: SecureBytes { get throws { try SecureBytes(copying: Array(vector.field("aezeed passphrase").utf8)) } }

    @Test("The right words create the account (vector A's ID) and register a new 0600 device key")
    func enrollsWithTheRightWords() async throws {
        let lnd = try FakeLNDNode(nodeKey: PrivateKey(secret: SecureBytes(copying: vector.hexField("node private key"))))
        let vault = ScriptedVault()
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        // A fresh box: the state folder does not exist yet.
        let keyPath = dir.path + "/state/device.key"
        let enrollment = Enrollment(lnd: lnd, vault: { _ in vault }, network: .regtest, deviceKeyPath: keyPath)
        let result = try await enrollment.enroll(words: words, passphrase: passphrase)
        let owner = try VectorFile.load("keys", "owner-vector-a.txt")
        #expect(result.account.hex == (try owner.field("account id")))
        #expect(result.createdDeviceKey)
        let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try Enrollment.loadDeviceKey(at: keyPath).publicKey == result.devicePublicKey)
        let liveness = try BackupKeys(root: BackupRoot(sharedKey: SecureBytes(copying: vector.hexField("root")))).liveness.publicKey
        let recorded = vault.state.withLock { ($0.accounts.map(\.liveness), $0.devices) }
        #expect(recorded.0 == [liveness])
        #expect(recorded.1 == [result.devicePublicKey])
        // Again: the same device key is kept.
        let again = try await enrollment.enroll(words: words, passphrase: passphrase)
        #expect(!again.createdDeviceKey)
        #expect(again.devicePublicKey == result.devicePublicKey)
    }

    @Test("Words of another node are refused before anything is sent or written")
    func refusesOtherWords() async throws {
        let lnd = try FakeLNDNode()
        let vault = ScriptedVault()
        let dir = try TemporaryDirectory(prefix: "casa-agent")
        let keyPath = dir.path + "/device.key"
        let enrollment = Enrollment(lnd: lnd, vault: { _ in vault }, network: .regtest, deviceKeyPath: keyPath)
        await #expect {
            try await enrollment.enroll(words: words, passphrase: passphrase)
        } throws: { error in
            guard case AgentError.wrongWords(let expected, let derived) = error else { return false }
            return expected == Hex.encode(lnd.nodeKey.publicKey.compressed) && derived == (try? vector.field("node public key"))
        }
        #expect(!FileManager.default.fileExists(atPath: keyPath))
        #expect(vault.state.withLock { $0.accounts.isEmpty && $0.devices.isEmpty })
    }
}
