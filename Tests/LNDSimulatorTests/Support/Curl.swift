import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl"] + arguments(method: method, url: url, header: header, hasBody: body != nil) + ["-w", "\n%{http_code}"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if let body { input.fileHandleForWriting.write(Data(body.utf8)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
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
    private let process = Process()
    private let lines: AsyncStream<String>
    private var iterator: AsyncStream<String>.AsyncIterator
    private let headerFile: URL?

    init(curl: Curl, method: String = "GET", url: String, macaroon: [UInt8]?) throws {
        headerFile = try curl.headerFile(macaroon: macaroon)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-N", "--max-time", "120"] + curl.arguments(method: method, url: url, header: headerFile, hasBody: false)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<String>.makeStream()
        lines = stream
        iterator = stream.makeAsyncIterator()
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0a) {
                    continuation.yield(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
            }
            if !buffer.isEmpty { continuation.yield(String(decoding: buffer, as: UTF8.self)) }
            continuation.finish()
        }
    }

    /// The next line, or nil when the stream ended (connection closed).
    func nextLine() async -> String? {
        await iterator.next()
    }

    /// Kills curl without waiting: this runs on a cooperative-pool thread, and curl, started
    /// from one, inherits its blocked signals (SIGTERM included), so `terminate()` followed by
    /// `waitUntilExit()` blocked a pool thread until curl's own time limit, starving the
    /// simulator in the same process. The reader thread sees EOF once curl is gone.
    func close() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        headerFile.map { try? FileManager.default.removeItem(at: $0) }
    }

    deinit { close() }
}
