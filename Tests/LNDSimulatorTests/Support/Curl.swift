import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// HTTPS requests to the simulator through the real `curl` command, pinned to the simulator's
/// `tls.cert` (as the agent pins lnd's), with the macaroon header read from a 0600 file so no
/// secret appears in argv.
struct Curl {
    struct Reply {
        let status: Int
        let body: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let certificate: URL
    let scratch: URL

    func headerFile(macaroon: [UInt8]?) throws -> URL? {
        guard let macaroon else { return nil }
        let url = scratch.appendingPathComponent("header-\(UUID().uuidString)")
        let line = "Grpc-Metadata-macaroon: \(macaroon.map { String(format: "%02x", $0) }.joined())\n"
        FileManager.default.createFile(atPath: url.path, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600])
        return url
    }

    func arguments(method: String, url: String, header: URL?, hasBody: Bool) -> [String] {
        var arguments = ["-sS", "--max-time", "60", "--cacert", certificate.path, "-X", method]
        if let header { arguments += ["-H", "@\(header.path)"] }
        if hasBody { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        return arguments + [url]
    }

    /// `request` on its own thread: curl blocks, and the simulator in the same process needs the
    /// few threads of Swift's cooperative pool to answer.
    func requestOffPool(_ method: String, _ url: String, body: String? = nil, macaroon: [UInt8]? = nil) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try self.request(method, url, body: body, macaroon: macaroon) })
            }
        }
    }

    /// A unary request; returns the status and body.
    func request(_ method: String, _ url: String, body: String? = nil, macaroon: [UInt8]? = nil) throws -> Reply {
        let header = try headerFile(macaroon: macaroon)
        defer { header.map { try? FileManager.default.removeItem(at: $0) } }
        let curl = try ChildProcess("/usr/bin/env", ["curl"] + arguments(method: method, url: url, header: header, hasBody: body != nil) + ["-w", "\n%{http_code}"],
                                    stdin: Data((body ?? "").utf8), stderr: .capture)
        let data = curl.readToEnd(timeout: .seconds(120))
        _ = curl.waitForTermination(timeout: .seconds(120))
        let errorText = curl.capturedStderr
        let text = String(decoding: data, as: UTF8.self)
        guard let newline = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: newline)...]) else {
            throw Failure(description: "curl \(method) \(url) failed: \(errorText)")
        }
        if status == 0 { throw Failure(description: "curl \(method) \(url): no response (\(errorText))") }
        return Reply(status: status, body: String(text[..<newline]))
    }
}

/// A streaming request: curl -N prints each line as it arrives.
final class CurlStream: @unchecked Sendable {
    private let process: ChildProcess
    private let lines: AsyncStream<String>
    private var iterator: AsyncStream<String>.AsyncIterator
    private let headerFile: URL?

    init(curl: Curl, method: String = "GET", url: String, macaroon: [UInt8]?) throws {
        headerFile = try curl.headerFile(macaroon: macaroon)
        let process = try ChildProcess("/usr/bin/env", ["curl", "-N", "--max-time", "120"] + curl.arguments(method: method, url: url, header: headerFile, hasBody: false),
                                       stderr: .discard)
        self.process = process
        let (stream, continuation) = AsyncStream<String>.makeStream()
        lines = stream
        iterator = stream.makeAsyncIterator()
        // Its own thread: the reads block, and the simulator in this process needs the pool.
        Thread.detachNewThread {
            while let line = try? process.nextLine(timeout: .seconds(180)) { continuation.yield(line) }
            continuation.finish()
        }
    }

    /// The next line, or nil when the stream ended (connection closed).
    func nextLine() async -> String? {
        await iterator.next()
    }

    /// Kills curl without waiting (it is reaped when released); the reader thread sees EOF once curl is gone.
    func close() {
        process.send(signal: SIGKILL)
        headerFile.map { try? FileManager.default.removeItem(at: $0) }
    }

    deinit { close() }
}
