import Secp256k1
import Sodium
import Testing
@testable import SeedKit
import Codecs
import LightningTypes
import TestSupport

/// lnd key derivation against real lnd data (docs/lnd.md §2.5, §3.4, §6).
@Suite struct LNDKeyRingTests {
    @Test func chantoolsSeedGivesItsRegtestAndMainnetKeys() throws {
        let v = try SeedVector("aezeed/chantools-no-passphrase.txt")
        let seed = try CipherSeed.decipher(mnemonic: v.mnemonic, passphrase: nil)
        let regtest = try LNDKeyRing(cipherSeed: seed, network: .regtest)
        #expect(regtest.root.base58() == v["regtest_root"])
        #expect(Hex.encode(try regtest.publicKey(for: .nodeIdentity).compressed) == v["regtest_node_pubkey"])
        #expect(Hex.encode(try regtest.publicKey(for: .backupEncryption).compressed) == v["regtest_scb_pubkey"])
        #expect(Hex.encode(try regtest.staticChannelBackupKey().unsafeCopy()) == v["regtest_scb_key"])

        let mainnet = try LNDKeyRing(cipherSeed: seed, network: .mainnet)
        #expect(mainnet.root.base58() == v["mainnet_root"])
        #expect(Hex.encode(try mainnet.publicKey(for: .nodeIdentity).compressed) == v["mainnet_node_pubkey"])
        #expect(Hex.encode(try mainnet.publicKey(for: .backupEncryption).compressed) == v["mainnet_scb_pubkey"])
        #expect(Hex.encode(try mainnet.staticChannelBackupKey().unsafeCopy()) == v["mainnet_scb_key"])
    }

    @Test func passphraseOnlyChangesTheWordsNotTheKeys() throws {
        let v = try SeedVector("aezeed/chantools-testnet3-passphrase.txt")
        let seed = try CipherSeed.decipher(mnemonic: v.mnemonic, passphrase: v.passphrase())
        #expect(try LNDKeyRing(cipherSeed: seed, network: .regtest).root.base58() == v["regtest_root"])
    }

    @Test func vectorAFromTheWords() throws {
        let v = try SeedVector("aezeed/vector-a-anchors.txt")
        let seed = try CipherSeed.decipher(mnemonic: v.mnemonic, passphrase: v.passphrase())
        let ring = try LNDKeyRing(cipherSeed: seed, network: .regtest)
        #expect(ring.root.base58() == v["regtest_root"])
        #expect(Hex.encode(try ring.publicKey(for: .nodeIdentity).compressed) == v["regtest_node_pubkey"])
        #expect(Hex.encode(try ring.publicKey(for: .backupEncryption).compressed) == v["regtest_scb_pubkey"])
        #expect(Hex.encode(try ring.staticChannelBackupKey().unsafeCopy()) == v["regtest_scb_key"])
        // The §3.4 worked example: ECDH of the node key with a NUMS point.
        let point = try PublicKey(bytes: TestHex.bytes(try #require(v["nums_point"])))
        let shared = try ring.privateKey(for: .nodeIdentity).sharedSecret(with: point)
        #expect(Hex.encode(shared.unsafeCopy()) == v["node_ecdh_nums"])
        // lnd's SCB key is also DeriveSharedKey(G, family 7).
        let viaG = try ring.privateKey(for: .backupEncryption).sharedSecret(with: .generator)
        #expect(Hex.encode(viaG.unsafeCopy()) == v["regtest_scb_key"])
    }

    @Test func vectorBFromTheRootKey() throws {
        let v = try VectorFile.load("seedkit", "keyring/vector-b-rootkey.txt").fields
        let root = try ExtendedPrivateKey(base58: try #require(v["regtest_root"]), network: .regtest)
        let ring = LNDKeyRing(root: root, network: .regtest)
        #expect(Hex.encode(try ring.publicKey(for: .backupEncryption).compressed) == v["regtest_scb_pubkey"])
        #expect(Hex.encode(try ring.staticChannelBackupKey().unsafeCopy()) == v["regtest_scb_key"])
    }

    @Test func pathsFollowLnd() throws {
        let v = try VectorFile.load("seedkit", "keyring/vector-b-rootkey.txt").fields
        let root = try ExtendedPrivateKey(base58: try #require(v["regtest_root"]))
        let testnet = LNDKeyRing(root: root, network: .testnet)
        #expect(Hardened.describe(testnet.path(for: .backupEncryption)) == "m/1017'/1'/7'/0/0")
        #expect(Hardened.describe(LNDKeyRing(root: root, network: .mainnet).path(for: KeyLocator(family: 9999, index: 3)))
            == "m/1017'/0'/9999'/0/3")
        let key = try testnet.extendedKey(for: .nodeIdentity)
        #expect(key.depth == 5)
        #expect(key.privateKey.publicKey == (try testnet.publicKey(for: .nodeIdentity)))
    }
}
