import CurlHTTP
import Foundation
import Sodium
import Testing
import TestSupport

/// What http_test_server.py's /echo saw.
struct Echo: Decodable {
    let method: String
    let path: String
    let headers: [String: String]
    let body_b64: String
    let client_port: Int

    var body: [UInt8] { Array(Data(base64Encoded: body_b64) ?? Data()) }

    init(_ response: HTTPResponse) throws {
        self = try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }
}

@Suite("Requests and responses over loopback")
struct RequestResponseTests {
    let server: TestHTTPServer
    let client: CurlHTTPClient

    init() throws {
        server = try TestHTTPServer(tls: false)
        client = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
    }

    @Test("GET returns status, headers and body")
    func get() async throws {
        let response = try await client.send(HTTPRequest(method: .get, url: server.url("/hello")))
        #expect(response.status == 200)
        #expect(response.headers["x-test"] == "yes")
        #expect(response.headers["Content-Type"] == "text/plain")
        #expect(response.body == Array("hello".utf8))
    }

    @Test("method, headers and body reach the server unchanged", arguments: [HTTPMethod.post, .put, .delete, .patch])
    func bodies(method: HTTPMethod) async throws {
        let payload = (0..<5000).map { UInt8($0 % 251) }
        let response = try await client.send(HTTPRequest(
            method: method, url: server.url("/echo?x=1"),
            headers: ["Content-Type": "application/octet-stream", "Grpc-Metadata-macaroon": "0201"],
            body: .bytes(payload)
        ))
        let echo = try Echo(response)
        #expect(echo.method == method.rawValue)
        #expect(echo.path == "/echo?x=1")
        #expect(echo.headers["grpc-metadata-macaroon"] == "0201")
        #expect(echo.headers["content-length"] == "5000")
        #expect(echo.headers["expect"] == nil)
        #expect(echo.body == payload)
    }

    @Test("a secret body is sent from secure memory")
    func secretBody() async throws {
        let secret = try SecureBytes(copying: Array(#"{"wallet_password":"c2VjcmV0"}"#.utf8))
        let response = try await client.send(HTTPRequest(method: .post, url: server.url("/echo"), body: .secret(secret)))
        #expect(try Echo(response).body == secret.unsafeCopy())
    }

    @Test("DELETE and GET without a body send no body")
    func noBody() async throws {
        for method in [HTTPMethod.get, .delete] {
            let echo = try Echo(await client.send(HTTPRequest(method: method, url: server.url("/echo"))))
            #expect(echo.method == method.rawValue)
            #expect(echo.body.isEmpty)
        }
    }

    @Test("error statuses are responses, not errors")
    func errorStatus() async throws {
        let response = try await client.send(HTTPRequest(method: .get, url: server.url("/status/503?retry_after=7")))
        #expect(response.status == 503)
        #expect(response.headers["Retry-After"] == "7")
        #expect(!response.head.isSuccess)
    }

    @Test("sequential requests reuse the connection")
    func keepAlive() async throws {
        let first = try Echo(await client.send(HTTPRequest(method: .get, url: server.url("/echo"))))
        let second = try Echo(await client.send(HTTPRequest(method: .get, url: server.url("/echo"))))
        #expect(first.client_port == second.client_port)
    }

    @Test("concurrent requests all complete")
    func concurrent() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let echo = try Echo(await client.send(HTTPRequest(method: .post, url: server.url("/echo"), body: .bytes([UInt8(i)]))))
                    return Int(echo.body.first ?? 255)
                }
            }
            var seen = Set<Int>()
            for try await i in group { seen.insert(i) }
            #expect(seen == Set(0..<16))
        }
    }

    @Test("a body over the limit fails with responseTooLarge")
    func tooLarge() async throws {
        let small = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP, maxResponseBytes: 1000))
        await #expect(throws: HTTPClientError.responseTooLarge(limit: 1000)) {
            try await small.send(HTTPRequest(method: .get, url: server.url("/big?n=100000")))
        }
        #expect(try await small.send(HTTPRequest(method: .get, url: server.url("/big?n=1000"))).body.count == 1000)
    }

    @Test("a silent server hits the total timeout")
    func totalTimeout() async throws {
        let timeouts = HTTPTimeouts(connect: .seconds(5), total: .milliseconds(300), lowSpeed: nil)
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: server.url("/slow"), timeouts: timeouts))
            Issue.record("expected a timeout")
        } catch let error as HTTPClientError {
            guard case .timedOut(host: "127.0.0.1", port: server.port, _) = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test("cancelling the task aborts the transfer")
    func cancellation() async throws {
        let task = Task { try await client.send(HTTPRequest(method: .get, url: server.url("/slow"))) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // The client still works afterwards.
        #expect(try await client.send(HTTPRequest(method: .get, url: server.url("/hello"))).status == 200)
    }

    @Test("nothing listening gives connectionFailed with the address")
    func connectionRefused() async throws {
        let port = LoopbackPort.unused()
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/"))
            Issue.record("expected a connection failure")
        } catch let error as HTTPClientError {
            guard case .connectionFailed(host: "127.0.0.1", port: port, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains("127.0.0.1:\(port)"))
            #expect(error.isTransient)
        }
    }
}
