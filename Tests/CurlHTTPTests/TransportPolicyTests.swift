import CurlHTTP
import Testing
import TestSupport

@Suite("Transport policy")
struct TransportPolicyTests {
    @Test("plain http to a remote host is refused before any connection")
    func remotePlainHTTPIsRefused() async throws {
        let client = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
        await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(method: .get, url: "http://192.0.2.1:8080/v1/getinfo"))
        }
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: "http://example.com/"))
            Issue.record("plain http to a remote host was allowed")
        } catch let error as HTTPClientError {
            guard case .plainHTTPNotAllowed = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains("loopback"))
        }
    }

    @Test("a TLS client refuses http URLs, a plain client refuses https URLs")
    func schemeMustMatchPolicy() async throws {
        let tls = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .systemTrust))
        await #expect(throws: HTTPClientError.self) { try await tls.send(HTTPRequest(method: .get, url: "http://127.0.0.1:1/")) }
        let plain = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
        await #expect(throws: HTTPClientError.self) { try await plain.send(HTTPRequest(method: .get, url: "https://127.0.0.1:1/")) }
    }

    @Test("onion hosts over plain http need the SOCKS proxy")
    func onionNeedsProxy() async throws {
        let direct = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
        do {
            _ = try await direct.send(HTTPRequest(method: .get, url: "http://abcdefghijklmnop.onion/"))
            Issue.record("onion without proxy was allowed")
        } catch let error as HTTPClientError {
            guard case .plainHTTPNotAllowed = error else { Issue.record("unexpected \(error)"); return }
        }
        // Through a proxy that is not there, the policy passes and the proxy error shows.
        let viaTor = try CurlHTTPClient(configuration: HTTPClientConfiguration(
            security: .loopbackPlainHTTP, proxy: SOCKSProxy(host: "127.0.0.1", port: LoopbackPort.unused())
        ))
        do {
            _ = try await viaTor.send(HTTPRequest(method: .get, url: "http://abcdefghijklmnop.onion/"))
            Issue.record("expected a proxy failure")
        } catch let error as HTTPClientError {
            guard case .proxyFailed = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test("header injection and bad URLs are refused")
    func badRequestsAreRefused() async throws {
        let client = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
        await #expect(throws: HTTPClientError.invalidHeader(name: "X-Evil")) {
            try await client.send(HTTPRequest(method: .get, url: "http://127.0.0.1:1/", headers: ["X-Evil": "a\r\nHost: other"]))
        }
        await #expect(throws: HTTPClientError.self) { try await client.send(HTTPRequest(method: .get, url: "ftp://127.0.0.1/")) }
        await #expect(throws: HTTPClientError.self) { try await client.send(HTTPRequest(method: .get, url: "not a url")) }
    }

    @Test("SOCKS proxy settings are parsed strictly")
    func proxyParsing() throws {
        #expect(try SOCKSProxy(parsing: "socks5h://127.0.0.1:9050").description == "socks5h://127.0.0.1:9050")
        #expect(try SOCKSProxy(parsing: "127.0.0.1:9050").port == 9050)
        #expect(try SOCKSProxy(parsing: "socks5h://[::1]:9050").description == "socks5h://[::1]:9050")
        #expect(throws: HTTPClientError.self) { try SOCKSProxy(parsing: "socks5://127.0.0.1:9050") }
        #expect(throws: HTTPClientError.self) { try SOCKSProxy(parsing: "127.0.0.1") }
        #expect(throws: HTTPClientError.self) { try SOCKSProxy(parsing: "127.0.0.1:70000") }
    }
}
