import CurlHTTP
import Testing
import TestSupport

@Suite("TLS with a pinned self-signed certificate")
struct TLSPinningTests {
    let server: TestHTTPServer

    init() throws {
        server = try TestHTTPServer(tls: true)
    }

    func client(pinning certificate: SelfSignedCertificate) throws -> CurlHTTPClient {
        try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .pinned(PinnedCertificate(pem: certificate.pem()))))
    }

    @Test("the pinned certificate is accepted, by IP and by name")
    func pinnedWorks() async throws {
        let client = try client(pinning: try #require(server.certificate))
        #expect(try await client.send(HTTPRequest(method: .get, url: server.url("/hello"))).body == Array("hello".utf8))
        let byName = try await client.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/hello"))
        #expect(byName.status == 200)
    }

    @Test("streams work over TLS")
    func streamOverTLS() async throws {
        let client = try client(pinning: try #require(server.certificate))
        let response = try await client.stream(HTTPRequest(method: .get, url: server.url("/gated-stream")))
        var iterator = response.body.makeAsyncIterator()
        #expect(try await iterator.next() != nil)
        _ = try await client.send(HTTPRequest(method: .get, url: server.url("/release")))
        var rest: [UInt8] = []
        while let chunk = try await iterator.next() { rest += chunk }
        #expect(String(decoding: rest, as: UTF8.self).hasSuffix("{\"result\":{\"n\":3}}\n"))
    }

    @Test("another certificate is refused with a message saying the certificate changed")
    func pinMismatch() async throws {
        let client = try client(pinning: server.otherCertificate())
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: server.url("/hello")))
            Issue.record("a connection with the wrong key was accepted")
        } catch let error as HTTPClientError {
            #expect(error == .certificateChanged(host: "127.0.0.1", port: server.port))
            #expect(error.description.contains("changed"))
            #expect(!error.isTransient)
        }
    }

    @Test("system trust refuses a self-signed certificate")
    func systemTrustRefusesSelfSigned() async throws {
        let client = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .systemTrust))
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: server.url("/hello")))
            Issue.record("a self-signed certificate was trusted")
        } catch let error as HTTPClientError {
            guard case .tlsFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }
}
