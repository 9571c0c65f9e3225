import Sodium
import Testing
import Codecs

@Suite struct PrimitiveVectorTests {
    @Test func sha256OfABC() {
        #expect(Hex.encode(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// RFC 4231 test case 2.
    @Test func hmacRFC4231Case2() throws {
        let key = try SecureBytes(copying: Array("Jefe".utf8))
        let msg = try SecureBytes(copying: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(try HMAC.sha256(key: key, message: msg).unsafeCopy())
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Hex.encode(try HMAC.sha512(key: key, message: msg).unsafeCopy())
            == "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
    }

    /// docs/lnd.md §2.5: scrypt("aezeed", "salt1", N, 8, 1, 32) for N=16 and the production N=32768.
    @Test func scryptAezeedVectors() throws {
        let pw = try SecureBytes(copying: Array("aezeed".utf8))
        let salt = Array("salt1".utf8)
        #expect(Hex.encode(try Scrypt.derive(password: pw, salt: salt, n: 16, r: 8, p: 1, byteCount: 32).unsafeCopy())
            == "73a7eadcffcd7cc7e98c437686b1fef19e4ccfeaed67a89b0ab0cf22e6a59040")
        #expect(Hex.encode(try Scrypt.derive(password: pw, salt: salt, n: 32768, r: 8, p: 1, byteCount: 32).unsafeCopy())
            == "404b5ab55404c3c34d3b130b07262de7bed1841f22193bd7fc0c383f072676fb")
    }

    /// BLAKE2b-512 of "abc" (RFC 7693 appendix A).
    @Test func blake2bABC() {
        #expect(Hex.encode(BLAKE2b.hash(Array("abc".utf8), outputByteCount: 64))
            == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")
    }

    /// RFC 8032 test 1 (empty message).
    @Test func ed25519RFC8032Test1() throws {
        let seed = try SecureBytes(copying: Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!)
        let pair = try Ed25519.KeyPair(seed: seed)
        #expect(Hex.encode(pair.publicKey) == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let sig = pair.sign([])
        #expect(Hex.encode(sig) == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(Ed25519.verify(signature: sig, message: [], publicKey: pair.publicKey))
        #expect(!Ed25519.verify(signature: sig, message: [0], publicKey: pair.publicKey))
        #expect(try pair.seed().constantTimeEquals(seed))
    }

    @Test func kdfRejectsBadContextAndSeparatesIds() throws {
        let master = try SecureBytes.random(count: 32)
        let a = try KDF.deriveSubkey(from: master, context: "casatest", id: 1)
        let b = try KDF.deriveSubkey(from: master, context: "casatest", id: 2)
        #expect(!a.constantTimeEquals(b))
        #expect(throws: SodiumError.self) { try KDF.deriveSubkey(from: master, context: "short", id: 1) }
    }

    @Test func hexRoundTripAndRejects() {
        #expect(Hex.decode("0aFf") == [0x0a, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0, 255]) == "00ff")
    }
}
