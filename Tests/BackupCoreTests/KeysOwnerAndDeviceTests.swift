@testable import BackupCore
import Sodium
import Testing
import BlobStorage
import TestSupport

@Suite struct KeysOwnerAndDeviceTests {
    /// docs/design.md §4.6: vector A's aezeed entropy (docs/lnd.md §6.1) → owner key → account.
    @Test func ownerKeyAndAccountFromVectorAEntropy() throws {
        let vector = try VectorFile.load("keys", "owner-vector-a.txt")
        #expect(try vector.field("entropy") == "95258d560769b4d595767b86cf466531")
        let owner = try OwnerKey(entropy: vector.secret("entropy"))
        #expect(try owner.keyPair.seed().unsafeCopy() == vector.hexField("owner seed"))
        #expect(owner.publicKey == (try vector.hexField("owner public key")))
        #expect(owner.accountID.bytes == (try vector.hexField("account id")))
        #expect(owner.accountID.hex == (try vector.field("account id")))
        #expect(AccountID(ownerPublicKey: owner.publicKey) == owner.accountID)
    }

    /// The vault computes account IDs with its own code (VaultAPI); both must agree on its vector.
    @Test func accountIDMatchesTheVaultAPIVector() throws {
        let vector = try VectorFile.load("vault-request", "account-id.txt")
        let account = AccountID(ownerPublicKey: try vector.hexField("owner-key"))
        #expect(account.hex == (try vector.field("expect-account")))
    }

    @Test func ownerKeyRejectsWrongEntropyLength() throws {
        #expect(throws: BackupKeyError.invalidEntropyLength(32)) {
            try OwnerKey(entropy: SecureBytes.random(count: 32))
        }
    }

    @Test func accountIDParsesHexAndRejectsGarbage() throws {
        let text = "2d6fb5182f7ab64e217a51b9e29786f4e40281fa046e29351b382953a25e9806"
        #expect(try #require(AccountID(hex: text.uppercased())).hex == text)
        #expect(AccountID(hex: "abcd") == nil)
        #expect(AccountID(hex: String(repeating: "zz", count: 32)) == nil)
        #expect(AccountID(bytes: [1, 2, 3]) == nil)
    }

    @Test func deviceKeysAreRandomAndReloadFromTheirSeed() throws {
        let first = try DeviceKey.generate()
        let second = try DeviceKey.generate()
        #expect(first.publicKey != second.publicKey)
        let reloaded = try DeviceKey(seed: first.seed())
        #expect(reloaded.publicKey == first.publicKey)
        let message = Array("PUT /v1/blobs".utf8)
        #expect(Ed25519.verify(signature: reloaded.sign(message), message: message, publicKey: first.publicKey))
        #expect(throws: BackupKeyError.invalidSeedLength(31)) { try DeviceKey(seed: SecureBytes.random(count: 31)) }
    }
}
