import Sodium
import Testing
import Codecs

/// draft-irtf-cfrg-xchacha-03, appendix A.3.1 (the AEAD test vector).
@Suite struct XChaCha20Poly1305Tests {
    let plaintext = Array("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.".utf8)
    let ad = Hex.decode("50515253c0c1c2c3c4c5c6c7")!
    let key = Hex.decode("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")!
    let nonce = Hex.decode("404142434445464748494a4b4c4d4e4f5051525354555657")!
    let expected = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c97637da9768812f615c68b13b52e"
        + "c0875924c1c7987947deafd8780acf49"

    @Test func sealMatchesDraftVector() throws {
        let sealed = try XChaCha20Poly1305.seal(plaintext, associatedData: ad, nonce: nonce, key: SecureBytes(copying: key))
        #expect(Hex.encode(sealed) == expected)
    }

    @Test func openRoundTripsAndRejectsTampering() throws {
        let k = try SecureBytes(copying: key)
        let sealed = Hex.decode(expected)!
        #expect(try XChaCha20Poly1305.open(sealed, associatedData: ad, nonce: nonce, key: k) == plaintext)
        var tampered = sealed
        tampered[3] ^= 1
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(tampered, associatedData: ad, nonce: nonce, key: k)
        }
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(sealed, associatedData: [], nonce: nonce, key: k)
        }
    }

    /// In place, inside a larger buffer: the same bytes as the vector, and nothing around them touched.
    @Test func sealInPlaceMatchesDraftVector() throws {
        var buffer = [UInt8](repeating: 0xee, count: 7) + plaintext + [UInt8](repeating: 0, count: 16) + [0xdd]
        try XChaCha20Poly1305.sealInPlace(&buffer, message: 7..<7 + plaintext.count, associatedData: ad, nonce: nonce, key: SecureBytes(copying: key))
        #expect(Hex.encode(buffer[7..<buffer.count - 1]) == expected)
        #expect(buffer.prefix(7).allSatisfy { $0 == 0xee } && buffer.last == 0xdd)
        // Opening a slice of the buffer reads it where it lies.
        #expect(try XChaCha20Poly1305.open(buffer[7..<buffer.count - 1], associatedData: ad, nonce: nonce, key: SecureBytes(copying: key)) == plaintext)
        // No room for the tag: an error, not a write past the end.
        var short = plaintext + [UInt8](repeating: 0, count: 15)
        #expect(throws: SodiumError.self) {
            try XChaCha20Poly1305.sealInPlace(&short, message: 0..<plaintext.count, associatedData: ad, nonce: nonce, key: SecureBytes(copying: key))
        }
    }

    @Test func rejectsWrongNonceLength() throws {
        #expect(throws: SodiumError.invalidLength(what: "XChaCha20-Poly1305 nonce", expected: 24, got: 12)) {
            try XChaCha20Poly1305.seal([1], associatedData: [], nonce: Array(nonce[0..<12]), key: SecureBytes(copying: key))
        }
    }
}
