@testable import BackupCore
import Sodium
import Testing
import BlobStorage
import TestSupport

@Suite struct KeysSubkeyTests {
    /// docs/design.md §4.3–4.5 against Tests/Vectors/keys/subkeys-*.txt (generated independently
    /// with Python hashlib and `cryptography`).
    @Test(arguments: ["subkeys-vector-a.txt", "subkeys-counting.txt"])
    func subkeysMatchVectors(file: String) throws {
        let vector = try VectorFile.load("keys", file)
        let root = try BackupRoot(sharedKey: vector.secret("root"))
        let envelope = try root.envelopeKey()
        #expect(envelope.aead.unsafeCopy() == (try vector.hexField("envelope aead key")))
        #expect(envelope.mac.unsafeCopy() == (try vector.hexField("envelope mac key")))
        #expect(envelope.keyID == (try vector.hexField("envelope key id")))
        let names = try root.blobNameKey()
        #expect(names.secret.unsafeCopy() == (try vector.hexField("blob name key")))
        #expect(names.blobName(for: LogicalName.multiChannelBackup).digest == (try vector.hexField("blob id scb/multi")))
        let liveness = try root.livenessKey()
        #expect(try liveness.keyPair.seed().unsafeCopy() == vector.hexField("liveness seed"))
        #expect(liveness.publicKey == (try vector.hexField("liveness public key")))
        let tags = try root.localTagKey()
        #expect(tags.secret.unsafeCopy() == (try vector.hexField("local tag key")))
        #expect(tags.tag(channelSetDigest: Array(0..<32)) == (try vector.hexField("local tag of digest 00..1f")))
    }

    @Test func channelCountsAreShownAsPowersOfTwo() {
        #expect([0, 1, 2, 3, 4, 5, 8, 9, 1000].map(LocalTagKey.channelCountBound) == [0, 1, 2, 4, 4, 8, 8, 16, 1024])
    }

    @Test func blobIDsSeparateNamesAndRoots() throws {
        let rootA = try BackupRoot(sharedKey: SecureBytes(copying: [UInt8](repeating: 1, count: 32)))
        let rootB = try BackupRoot(sharedKey: SecureBytes(copying: [UInt8](repeating: 2, count: 32)))
        let a = try rootA.blobNameKey()
        #expect(a.blobName(for: "scb/multi") != a.blobName(for: "scb/multi2"))
        #expect(a.blobName(for: "scb/multi") != (try rootB.blobNameKey()).blobName(for: "scb/multi"))
        #expect(a.blobName(for: "scb/multi").rawValue.count == 64)
    }

    @Test func livenessSignaturesVerify() throws {
        let key = try BackupRoot(sharedKey: SecureBytes.random(count: 32)).livenessKey()
        let message = Array("heartbeat".utf8)
        let signature = key.sign(message)
        #expect(Ed25519.verify(signature: signature, message: message, publicKey: key.publicKey))
        #expect(!Ed25519.verify(signature: signature, message: message + [0], publicKey: key.publicKey))
    }
}

@Suite struct KeysBundleTests {
    @Test func bundleMatchesTheSingleDerivations() throws {
        let vector = try VectorFile.load("keys", "subkeys-vector-a.txt")
        let keys = try BackupKeys(root: BackupRoot(sharedKey: vector.secret("root")))
        #expect(keys.envelope.keyID == (try vector.hexField("envelope key id")))
        #expect(keys.multiChannelBackupBlob.digest == (try vector.hexField("blob id scb/multi")))
        #expect(keys.liveness.publicKey == (try vector.hexField("liveness public key")))
    }
}
