import CurlHTTP
import Foundation
import Testing
import TestSupport

@Suite("Streaming responses")
struct StreamingTests {
    let server: TestHTTPServer
    let client: CurlHTTPClient

    init() throws {
        server = try TestHTTPServer(tls: false)
        client = try CurlHTTPClient(configuration: HTTPClientConfiguration(security: .loopbackPlainHTTP))
    }

    @Test("chunks arrive while the response is still open, split where the server split them")
    func chunksArriveBeforeTheEnd() async throws {
        let response = try await client.stream(HTTPRequest(method: .get, url: server.url("/gated-stream")))
        #expect(response.status == 200)
        #expect(response.headers["Transfer-Encoding"] == "chunked")
        var iterator = response.body.makeAsyncIterator()
        // The server holds the rest of the body until /release: receiving this part proves
        // streaming. (TCP may still split it, so read until it is complete.)
        let expected = Array(#"{"result":{"n":1}}"#.utf8) + [0x0a] + Array(#"{"res"#.utf8)
        var first: [UInt8] = []
        while first.count < expected.count, let chunk = try await iterator.next() { first += chunk }
        #expect(first == expected)
        #expect(try await client.send(HTTPRequest(method: .get, url: server.url("/release"))).status == 200)
        var rest: [UInt8] = []
        while let chunk = try await iterator.next() { rest += chunk }
        #expect(String(decoding: rest, as: UTF8.self) == "ult\":{\"n\":2}}\n{\"result\":{\"n\":3}}\n")
    }

    @Test("stopping the iteration closes the connection")
    func stopClosesConnection() async throws {
        let response = try await client.stream(HTTPRequest(method: .get, url: server.url("/endless-stream")))
        var received = 0
        for try await chunk in response.body {
            received += chunk.count
            if received > 40 { break }
        }
        // The server sees the disconnect (bounded wait: 100 polls).
        var active = "1"
        for _ in 0..<100 {
            active = String(decoding: try await client.send(HTTPRequest(method: .get, url: server.url("/active-streams"))).body, as: UTF8.self)
            if active == "0" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(active == "0")
    }

    @Test("cancel() ends a stream that is waiting for data")
    func explicitCancel() async throws {
        let response = try await client.stream(HTTPRequest(method: .get, url: server.url("/gated-stream")))
        var iterator = response.body.makeAsyncIterator()
        #expect(try await iterator.next() != nil)
        response.body.cancel()
        // Chunks already received may still come out; then the stream ends with CancellationError.
        await #expect(throws: CancellationError.self) {
            for _ in 0..<100 { guard try await iterator.next() != nil else { return } }
        }
        _ = try await client.send(HTTPRequest(method: .get, url: server.url("/release")))
    }

    #if os(Linux)
    /// curl_easy_perform woke its thread every second; the multi loop sleeps until the socket
    /// is readable. Some `casa-http` thread alive through the window (this silent stream's) must
    /// not have been scheduled at all; other tests' transfers may run meanwhile.
    @Test("a silent stream does not wake its thread up")
    func silentStreamSleeps() async throws {
        let response = try await client.stream(HTTPRequest(method: .get, url: server.url("/gated-stream")))
        var iterator = response.body.makeAsyncIterator()
        #expect(try await iterator.next() != nil)
        // Other suites' transfers share these threads: a window in which one of them woke every
        // thread proves nothing, so up to four windows are tried. A thread that polled the silent
        // stream would wake in every one of them.
        var windows: [String] = []
        for _ in 0..<4 {
            let before = Self.transferThreadSwitches()
            try await Task.sleep(for: .milliseconds(2500))
            let after = Self.transferThreadSwitches()
            if before.contains(where: { tid, switches in after[tid] == switches }) { break }
            windows.append("before \(before), after \(after)")
        }
        #expect(windows.count < 4, "every casa-http thread woke up in every window: \(windows)")
        _ = try await client.send(HTTPRequest(method: .get, url: server.url("/release")))
        while try await iterator.next() != nil {}
    }

    /// Context switches (voluntary + involuntary) of this process's `casa-http` threads, by id.
    static func transferThreadSwitches() -> [String: Int] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        var result: [String: Int] = [:]
        for tid in tasks {
            guard let name = try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8),
                  name.trimmingCharacters(in: .whitespacesAndNewlines) == "casa-http",
                  let status = try? String(contentsOfFile: "/proc/self/task/\(tid)/status", encoding: .utf8) else { continue }
            result[tid] = status.split(separator: "\n")
                .filter { $0.hasPrefix("voluntary_ctxt_switches:") || $0.hasPrefix("nonvoluntary_ctxt_switches:") }
                .compactMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }
                .reduce(0, +)
        }
        return result
    }
    #endif

    @Test("a stream cut mid-chunk ends with connectionLost after the data before the cut")
    func cutStream() async throws {
        let response = try await client.stream(HTTPRequest(method: .get, url: server.url("/cut-stream")))
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body { bytes += chunk }
            Issue.record("expected the stream to fail")
        } catch let error as HTTPClientError {
            guard case .connectionLost = error else { Issue.record("unexpected \(error)"); return }
        }
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{\"result\":{\"n\":1}}\n"))
    }

    @Test("a failed connection fails stream() itself")
    func streamConnectionFailure() async throws {
        await #expect(throws: HTTPClientError.self) {
            try await client.stream(HTTPRequest(method: .get, url: "http://127.0.0.1:\(LoopbackPort.unused())/"))
        }
    }
}
