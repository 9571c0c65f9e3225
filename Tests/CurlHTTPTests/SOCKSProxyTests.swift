import CurlHTTP
import Testing
import TestSupport

@Suite("SOCKS5h proxy (microsocks)")
struct SOCKSProxyTests {
    @Test("requests and streams go through the proxy, which resolves the host name")
    func throughMicrosocks() async throws {
        let server = try TestHTTPServer(tls: true)
        let proxyPort = LoopbackPort.unused()
        let microsocks = try ChildProcess(program: "microsocks", ["-i", "127.0.0.1", "-p", String(proxyPort)])
        defer { microsocks.stop() }
        #expect(await LoopbackPort.waitUntilAccepting(proxyPort))
        let certificate = try #require(server.certificate)
        let client = try CurlHTTPClient(configuration: HTTPClientConfiguration(
            security: .pinned(PinnedCertificate(pem: certificate.pem())),
            proxy: SOCKSProxy(parsing: "socks5h://127.0.0.1:\(proxyPort)"),
            timeouts: .tor
        ))
        // "localhost" is resolved by the proxy (socks5h), not by curl.
        let response = try await client.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/hello"))
        #expect(response.body == Array("hello".utf8))
        let stream = try await client.stream(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/endless-stream"))
        var received = 0
        for try await chunk in stream.body {
            received += chunk.count
            if received > 40 { break }
        }
        #expect(received > 40)

        // With the proxy gone, the same request fails as a proxy failure: it really went through it.
        microsocks.stop()
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/hello"))
            Issue.record("expected a proxy failure")
        } catch let error as HTTPClientError {
            guard case .proxyFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test("a destination the proxy cannot reach is a proxy failure")
    func unreachableDestination() async throws {
        let proxyPort = LoopbackPort.unused()
        let microsocks = try ChildProcess(program: "microsocks", ["-i", "127.0.0.1", "-p", String(proxyPort)])
        defer { microsocks.stop() }
        #expect(await LoopbackPort.waitUntilAccepting(proxyPort))
        let client = try CurlHTTPClient(configuration: HTTPClientConfiguration(
            security: .loopbackPlainHTTP, proxy: SOCKSProxy(host: "127.0.0.1", port: proxyPort)
        ))
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: "http://127.0.0.1:\(LoopbackPort.unused())/"))
            Issue.record("expected a failure")
        } catch let error as HTTPClientError {
            guard case .proxyFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }
}
