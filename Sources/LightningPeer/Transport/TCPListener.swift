#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A listening TCP socket bound to an IPv4 address (loopback by default; port 0 picks a free port).
public final class TCPListener: Sendable {
    let lifetime: DescriptorLifetime
    private var fd: Int32 { lifetime.fd }
    public let port: UInt16
    public let host: String

    public init(host: String = "127.0.0.1", port: UInt16 = 0, backlog: Int32 = 16) throws {
        let fd = socket(AF_INET, TCPSocket.streamType, 0)
        guard fd >= 0 else { throw PeerError.socket("socket: \(TCPSocket.errnoText())") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else {
            _ = systemClose(fd)
            throw PeerError.invalidAddress("'\(host)': listen on an IPv4 literal such as 127.0.0.1")
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, backlog) == 0 else {
            let text = TCPSocket.errnoText()
            _ = systemClose(fd)
            throw PeerError.socket("cannot listen on \(host):\(port): \(text)")
        }
        var actual = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        lifetime = DescriptorLifetime(fd) { _ = systemClose($0) }
        self.host = host
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    deinit {
        close()
    }

    /// Waits for one connection until the deadline.
    public func accept(deadline: ContinuousClock.Instant) throws -> TCPSocket {
        // The descriptor stays ours until this call returns, even if another thread closes it.
        guard lifetime.enter() else { throw PeerError.socket("listener closed") }
        defer { lifetime.leave() }
        while true {
            try TCPSocket.wait(fd: fd, events: Int16(POLLIN), deadline: deadline, what: "waiting for a connection on port \(port)")
            guard !lifetime.isClosed else { throw PeerError.socket("listener closed") }
            var addr = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemAccept(fd, $0, &len) }
            }
            if client >= 0 { return TCPSocket(fd: client, remoteDescription: "peer on port \(port)") }
            if errno == EINTR || errno == EAGAIN || errno == ECONNABORTED { continue }
            throw PeerError.socket("accept: \(TCPSocket.errnoText())")
        }
    }

    /// Closes once, from any thread: a blocked accept wakes (on Linux a shut-down listener also
    /// refuses new connections); the descriptor goes when no accept runs on it.
    public func close() {
        lifetime.close { _ = shutdown($0, Int32(SHUT_RDWR)) }
    }
}

@inline(__always) func systemAccept(_ fd: Int32, _ addr: UnsafeMutablePointer<sockaddr>?, _ len: UnsafeMutablePointer<socklen_t>) -> Int32 {
    #if canImport(Glibc)
    return Glibc.accept(fd, addr, len)
    #else
    return Darwin.accept(fd, addr, len)
    #endif
}
