import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Talks to a running agent's control endpoint on 127.0.0.1 (for `status` and `checkpoint`).
public enum ControlClient {
    /// Sends one request and returns the status code and body.
    public static func request(_ method: String, _ target: String, port: UInt16, timeoutSeconds: Int = 10) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, ControlServer.streamType, 0)
        guard fd >= 0 else { throw AgentError.io("socket failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = ControlServer.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            throw AgentError.io("the agent is not running (nothing answers on 127.0.0.1:\(port)); start it with `casa-backupd run`")
        }
        ControlServer.writeAll(fd, Array("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.count < 1 << 20 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw AgentError.timedOut("no answer from the agent within \(timeoutSeconds) s") }
            if n == 0 { break }
            data += chunk[0..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw AgentError.io("malformed answer from the agent") }
        let statusLine = text[..<split.lowerBound].split(separator: "\r\n").first ?? ""
        let code = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (code, String(text[split.upperBound...]))
    }
}
