@testable import BackupCore
import SeedKit
import Sodium
import Testing
import Codecs
import LightningTypes
import BlobStorage
import TestSupport

/// From the 24 words alone (docs/design.md §3.2): vector A's mnemonic and aezeed passphrase
/// (docs/lnd.md §6.1) give the backup root of docs/lnd.md §3.4 and the owner's account.
@Suite struct KeysFromWordsTests {
    static func decipherVectorA() throws -> (CipherSeed, VectorFile) {
        let vector = try VectorFile.load("keys", "backup-root-vector-a.txt")
        let words = try vector.field("mnemonic").split(separator: " ").map(String.init)
        let passphrase = try SecureBytes(copying: Array(vector.field("aezeed passphrase").utf8))
        return (try CipherSeed.decipher(mnemonic: words, passphrase: passphrase), vector)
    }

    @Test func wordsGiveTheRootLndComputes() throws {
        let (seed, vector) = try Self.decipherVectorA()
        let root = try BackupRoot(keyRing: LNDKeyRing(cipherSeed: seed, network: .regtest))
        #expect(Hex.encode(root.secret.unsafeCopy()) == "a63ce9a34466033adc32afe359a9b35235f38ff2d05f2db068b4cb2885a4bd60")
        // The same bytes lnd returns to the agent for DeriveSharedKey(P) (here: ECDH with the node key).
        let agent = try BackupRoot(sharedKey: SecureBytes(copying: vector.hexField("root")))
        #expect(root.matches(agent))
    }

    @Test func rootKeyGivesTheSameRoot() throws {
        let vector = try VectorFile.load("keys", "backup-root-vector-a.txt")
        let ring = LNDKeyRing(root: try ExtendedPrivateKey(base58: vector.field("tprv")), network: .regtest)
        #expect(try BackupRoot(keyRing: ring).secret.unsafeCopy() == vector.hexField("root"))
    }

    @Test func wordsGiveTheOwnerAccount() throws {
        let (seed, _) = try Self.decipherVectorA()
        let owner = try OwnerKey(cipherSeed: seed)
        let vector = try VectorFile.load("keys", "owner-vector-a.txt")
        #expect(owner.publicKey == (try vector.hexField("owner public key")))
        #expect(owner.accountID.hex == (try vector.field("account id")))
    }

    /// Mainnet uses coin type 0: another node key, so another root.
    @Test func mainnetGivesAnotherRoot() throws {
        let (seed, vector) = try Self.decipherVectorA()
        let mainnet = try BackupRoot(keyRing: LNDKeyRing(cipherSeed: seed, network: .mainnet))
        #expect(mainnet.secret.unsafeCopy() != (try vector.hexField("root")))
    }
}
