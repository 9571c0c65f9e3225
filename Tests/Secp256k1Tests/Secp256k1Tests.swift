import Secp256k1
import Sodium
import Testing

@Suite struct Secp256k1Tests {
    /// Private key 1 gives the generator; ECDH(1, P) = SHA256(compressed P).
    @Test func scalarOneIsGenerator() throws {
        let one = try PrivateKey(secret: SecureBytes(copying: [UInt8](repeating: 0, count: 31) + [1]))
        #expect(one.publicKey == PublicKey.generator)
        let shared = try one.sharedSecret(with: PublicKey.generator)
        #expect(shared.unsafeCopy() == SHA256.hash(PublicKey.generator.compressed))
    }

    @Test func rejectsZeroKeyAndBadPoints() throws {
        #expect(throws: Secp256k1Error.invalidPrivateKey) { try PrivateKey(secret: SecureBytes(copying: [UInt8](repeating: 0, count: 32))) }
        #expect(throws: Secp256k1Error.invalidPublicKey) { try PublicKey(bytes: [0x02] + [UInt8](repeating: 0, count: 32)) }
        #expect(throws: Secp256k1Error.invalidPublicKey) { try PublicKey(bytes: [0x05]) }
    }

    @Test func tweakAddCommutesBetweenPrivateAndPublic() throws {
        let k = try PrivateKey.generate()
        let tweak = SHA256.hash([1, 2, 3])
        #expect(try k.tweakAdd(tweak).publicKey == k.publicKey.tweakAdd(tweak))
    }

    @Test func ecdhIsSymmetric() throws {
        let a = try PrivateKey.generate(), b = try PrivateKey.generate()
        #expect(try a.sharedSecret(with: b.publicKey).constantTimeEquals(b.sharedSecret(with: a.publicKey)))
    }

    @Test func signAndVerifyECDSA() throws {
        let k = try PrivateKey.generate()
        let digest = SHA256.hash(Array("casa".utf8))
        let sig = k.signECDSA(digest: digest)
        #expect(try k.publicKey.verifyECDSA(signature: sig, digest: digest))
        #expect(try !k.publicKey.verifyECDSA(signature: sig, digest: SHA256.hash([0])))
        #expect(throws: Secp256k1Error.invalidSignature) { try k.publicKey.verifyECDSA(signature: [0x30, 0x01], digest: digest) }
    }
}
