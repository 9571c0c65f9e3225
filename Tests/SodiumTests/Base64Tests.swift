import Sodium
import Testing

@Suite("Base64")
struct Base64Tests {
    // RFC 4648 §10.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test("RFC 4648 vectors encode with padding and decode back")
    func rfcVectors() throws {
        for (plain, encoded) in Self.vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
            #expect(try Base64.encode(SecureBytes(copying: Array(plain.utf8))).unsafeCopy() == Array(encoded.utf8))
        }
    }

    @Test("URL-safe and unpadded input is accepted, as lnd accepts it")
    func lenientInput() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xfe, 0x01]
        #expect(Base64.encode(bytes) == "+//+AQ==")
        #expect(Base64.decode("+//+AQ") == bytes)
        #expect(Base64.decode("-__-AQ==") == bytes)
        #expect(Base64.decode("-__-AQ") == bytes)
        #expect(Base64.decode("Zm9v\nYmFy", ignoring: "\n") == Array("foobar".utf8))
    }

    @Test("malformed input is rejected")
    func malformed() {
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Zg===") == nil)
        #expect(Base64.decode("Zm9=") == nil)
        #expect(Base64.decode("+/-_") == nil)
        #expect(Base64.decode("Z") == nil)
    }
}
