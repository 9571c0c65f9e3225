import CurlHTTP
import Sodium
import Testing
import TestSupport

@Suite("Pinned certificates")
struct PinnedCertificateTests {
    @Test("the public key pin of a PEM certificate matches openssl's SPKI hash")
    func pinMatchesOpenSSL() throws {
        let directory = try TemporaryDirectory()
        let certificate = try SelfSignedCertificate(in: directory.path)
        let pinned = try PinnedCertificate(pem: certificate.pem())
        #expect(pinned.curlPin == (try certificate.opensslPublicKeyPin()))
        #expect(try PinnedCertificate(pin: pinned.curlPin) == pinned)
    }

    @Test("garbage is refused with a clear error")
    func garbageIsRefused() {
        #expect(throws: HTTPClientError.self) { try PinnedCertificate(pem: Array("not a certificate".utf8)) }
        #expect(throws: HTTPClientError.self) {
            try PinnedCertificate(pem: Array("-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n".utf8))
        }
        #expect(throws: HTTPClientError.self) { try PinnedCertificate(pin: "sha1//AAAA") }
        #expect(throws: HTTPClientError.self) { try PinnedCertificate(publicKeySHA256: [1, 2, 3]) }
    }
}
