import Secp256k1
import Sodium
import Testing
@testable import SeedKit
import Codecs
import LightningTypes
import TestSupport

@Suite struct BIP32Tests {
    @Test func bip32TestVector1() throws {
        let fields = try VectorFile.load("seedkit", "bip32/vector1.txt").fields
        let master = try ExtendedPrivateKey(masterFromSeed: TestHex.secret(try #require(fields["seed"])), network: .mainnet)
        var checked = 0
        for (pathText, expected) in fields where pathText.hasPrefix("m") {
            let path = try #require(Hardened.parse(pathText))
            let key = try master.derive(path)
            #expect(key.base58() == expected, "\(pathText)")
            #expect(Hardened.describe(path) == pathText)
            // Parsing and re-serializing is the identity.
            #expect(try ExtendedPrivateKey(base58: expected).base58() == expected)
            checked += 1
        }
        #expect(checked == 6)
    }

    @Test func parsedKeyDerivesLikeTheOriginal() throws {
        let fields = try VectorFile.load("seedkit", "bip32/vector1.txt").fields
        let parsed = try ExtendedPrivateKey(base58: try #require(fields["m/0'"]))
        #expect(parsed.depth == 1)
        #expect(parsed.childNumber == Hardened.index(0))
        #expect(Hex.encode(parsed.parentFingerprint) == "3442193e")
        #expect(try parsed.derive([1]).base58() == fields["m/0'/1"])
    }

    @Test func invalidKeysAreRejected() throws {
        let fields = try VectorFile.load("seedkit", "bip32/invalid-keys.txt").fields
        #expect(fields.count == 9)
        for (name, key) in fields {
            #expect(throws: BIP32Error.self, "\(name)") { try ExtendedPrivateKey(base58: key) }
        }
        #expect(throws: BIP32Error.invalidBase58) { try ExtendedPrivateKey(base58: try #require(fields["bad_checksum"])) }
        #expect(throws: BIP32Error.invalidMasterKey) { try ExtendedPrivateKey(base58: try #require(fields["zero_depth_nonzero_index"])) }
        #expect(throws: BIP32Error.invalidPrivateKey) { try ExtendedPrivateKey(base58: try #require(fields["private_key_zero"])) }
        #expect(throws: BIP32Error.invalidBase58) { try ExtendedPrivateKey(base58: "not base58 0OIl") }
    }

    @Test func networkMustMatchThePrefix() throws {
        let v = try VectorFile.load("seedkit", "keyring/vector-b-rootkey.txt").fields
        let tprv = try #require(v["regtest_root"])
        #expect(try ExtendedPrivateKey(base58: tprv).network == .testnet)
        #expect(try ExtendedPrivateKey(base58: tprv, network: .regtest).network == .regtest)
        #expect(try ExtendedPrivateKey(base58: tprv + "\n").base58() == tprv)
        #expect(throws: BIP32Error.networkMismatch(expected: .mainnet, keyPrefix: "tprv")) {
            try ExtendedPrivateKey(base58: tprv, network: .mainnet)
        }
    }

    @Test func seedLengthIsChecked() throws {
        #expect(throws: BIP32Error.invalidSeedLength(15)) {
            try ExtendedPrivateKey(masterFromSeed: SecureBytes.random(count: 15), network: .mainnet)
        }
    }

    @Test func pathParsing() {
        #expect(Hardened.parse("m/1017'/1h/7H/0/0") == [Hardened.index(1017), Hardened.index(1), Hardened.index(7), 0, 0])
        #expect(Hardened.parse("m") == [])
        #expect(Hardened.parse("1017'/0") == nil)
        #expect(Hardened.parse("m/+5") == nil)
        #expect(Hardened.parse("m/2147483648") == nil)
        #expect(Hardened.parse("m//1") == nil)
    }

    /// RIPEMD-160 known answers from the algorithm's authors' page.
    @Test func ripemd160Vectors() {
        #expect(Hex.encode(RIPEMD160.hash([])) == "9c1185a5c5e9fc54612808977ee8f548b2258d31")
        #expect(Hex.encode(RIPEMD160.hash(Array("abc".utf8))) == "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")
        #expect(Hex.encode(RIPEMD160.hash(Array("message digest".utf8))) == "5d0689ef49d2fae572b881b123a85ffa21595f36")
        let eighty = String(repeating: "1234567890", count: 8)
        #expect(Hex.encode(RIPEMD160.hash(Array(eighty.utf8))) == "9b752e45573d4b39f4dbd3323cab82bf63326bfb")
        #expect(Hex.encode(RIPEMD160.hash([UInt8](repeating: 0x61, count: 1_000_000))) == "52783243c1697bdbe16d37f97f68f08325dc1528")
    }

    @Test func base58RoundTripKeepsLeadingZeros() {
        let payload: [UInt8] = [0, 0, 1, 2, 255]
        let text = Base58Check.encode(payload)
        #expect(text.hasPrefix("11"))
        #expect(Base58Check.decode(text) == payload)
        #expect(Base58Check.decode(String(text.dropLast()) + (text.last == "2" ? "3" : "2")) == nil)
    }
}
