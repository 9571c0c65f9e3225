import Sodium
import Testing
import Codecs

@Suite struct BLAKE2bKeyedSecretTests {
    /// BLAKE2 reference KAT (blake2b-kat.txt, first entry): key 00..3f, empty input, 64-byte output.
    @Test func referenceKATKeyed64() throws {
        let key = try SecureBytes(copying: Array(0..<64) as [UInt8])
        let out = try BLAKE2b.keyedSecret([], key: key, outputByteCount: 64)
        #expect(Hex.encode(out.unsafeCopy())
            == "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568")
    }

    /// A 16-byte key (the size of an aezeed entropy), checked with Python's hashlib.blake2b.
    @Test func sixteenByteKeyMatchesPublicKeyedHash() throws {
        let key = try SecureBytes(copying: Array(0..<16) as [UInt8])
        let secret = try BLAKE2b.keyedSecret([0, 1, 2], key: key)
        #expect(Hex.encode(secret.unsafeCopy()) == "d9ee8ce577dcfe6b083fd02d89e5140c944d9dbc8be3eb1cb695fd67d6e67aa2")
        #expect(secret.unsafeCopy() == BLAKE2b.keyedHash([0, 1, 2], key: key))
    }

    @Test func rejectsShortKey() throws {
        let key = try SecureBytes(copying: [UInt8](repeating: 1, count: 15))
        #expect(throws: SodiumError.invalidLength(what: "BLAKE2b key", expected: 32, got: 15)) {
            try BLAKE2b.keyedSecret([], key: key)
        }
    }
}
