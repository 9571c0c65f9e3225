@testable import Sodium
import Testing
import Codecs

/// SHA-256 of public data runs on OpenSSL's accelerated code; libsodium's is the reference.
@Suite struct SHA256Tests {
    /// FIPS 180-2 appendix B and the NIST example messages.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func knownAnswers(message: String, digest: String) {
        #expect(Hex.encode(SHA256.hash(Array(message.utf8))) == digest)
        #expect(Hex.encode(SHA256.portableHash(Array(message.utf8))) == digest)
    }

    /// Every length around the 64-byte block and padding boundaries, and snapshot-sized inputs.
    @Test func acceleratedEqualsPortable() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func bytes(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        for count in Array(0...200) + [511, 512, 513, 4095, 4096, 30_064, 300_064] {
            let data = bytes(count)
            #expect(SHA256.hash(data) == SHA256.portableHash(data), "length \(count)")
        }
    }
}
