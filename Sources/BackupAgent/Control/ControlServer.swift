import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for the Prometheus metrics, `status` and
/// `checkpoint` (docs/agent.md "Control endpoint"). Loopback only; one request per connection.
/// A thread blocks in poll() on the socket and a wake-up pipe: no timer, stops on `stop()`.
public final class ControlServer: Sendable {
    public typealias Handler = @Sendable (ControlRequest) async -> ControlResponse
    public let port: UInt16
    private let listenFD: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// Binds 127.0.0.1:`port` (0 picks a free port, see `port`).
    public init(port: UInt16) throws {
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw AgentError.io("socket failed: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw AgentError.io("cannot listen on 127.0.0.1:\(port): \(reason); choose another metrics port")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            close(fd)
            throw AgentError.io("pipe failed: \(String(cString: strerror(errno)))")
        }
        listenFD = fd
        self.port = UInt16(bigEndian: actual.sin_port)
        wakeRead = pipeFDs[0]
        wakeWrite = pipeFDs[1]
    }

    /// Serves until `stop()` or cancellation of the calling task.
    public func serve(_ handler: @escaping Handler) async {
        let (connections, continuation) = AsyncStream<Int32>.makeStream()
        let listenFD = listenFD
        let wakeRead = wakeRead
        let thread = Thread {
            Self.acceptLoop(listenFD: listenFD, wake: wakeRead, continuation: continuation)
        }
        thread.name = "casa-control"
        thread.start()
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for await client in connections {
                    group.addTask { await Self.handle(client, handler) }
                }
            }
        } onCancel: {
            self.stop()
        }
    }

    public func stop() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    deinit {
        close(listenFD)
        close(wakeRead)
        close(wakeWrite)
    }

    private static func acceptLoop(listenFD: Int32, wake: Int32, continuation: AsyncStream<Int32>.Continuation) {
        while true {
            var fds = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            let client = accept(listenFD, nil, nil)
            if client >= 0 { continuation.yield(client) }
        }
        continuation.finish()
    }

    private static func handle(_ client: Int32, _ handler: Handler) async {
        defer { close(client) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let head = readHead(client), let line = head.split(separator: "\r\n").first,
              let request = ControlRequest(requestLine: String(line))
        else {
            writeAll(client, ControlResponse(status: 400, body: "bad request\n").bytes)
            return
        }
        writeAll(client, await handler(request).bytes)
    }

    /// Reads up to the end of the headers (bounded to 8 KiB).
    private static func readHead(_ fd: Int32) -> String? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while data.count < 8192 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return nil }
            data += chunk[0..<n]
            if data.count >= 4, data.suffix(4) == [13, 10, 13, 10] || String(decoding: data, as: UTF8.self).contains("\r\n\r\n") {
                return String(decoding: data, as: UTF8.self)
            }
        }
        return nil
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    static let streamType = SOCK_STREAM
    #endif
}
