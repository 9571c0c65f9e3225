import CurlHTTP
import Testing
import TestSupport

@Suite("TLS verified against a given CA file")
struct TrustedCAFileTests {
    let server: TestHTTPServer

    init() throws {
        server = try TestHTTPServer(tls: true)
    }

    func client(trusting certificate: SelfSignedCertificate) throws -> CurlHTTPClient {
        try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .trustedCAFile(certificate.certificatePath)))
    }

    @Test("the server's self-signed certificate as the CA file is accepted, by IP and by name")
    func ownCertificateAsCA() async throws {
        let client = try client(trusting: try #require(server.certificate))
        #expect(try await client.send(HTTPRequest(method: .get, url: server.url("/hello"))).body == Array("hello".utf8))
        #expect(try await client.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/hello")).status == 200)
    }

    @Test("another CA file is refused as a TLS failure: the system roots are not consulted either")
    func otherCA() async throws {
        let client = try client(trusting: server.otherCertificate())
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: server.url("/hello")))
            Issue.record("a certificate outside the CA file was accepted")
        } catch let error as HTTPClientError {
            guard case .tlsFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test("the host name is still checked")
    func hostNameChecked() async throws {
        let server = try TestHTTPServer(tls: true, subjectAltNames: "DNS:vault.example.org")
        let client = try client(trusting: try #require(server.certificate))
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/hello"))
            Issue.record("a certificate for another name was accepted")
        } catch let error as HTTPClientError {
            guard case .tlsFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }
}
