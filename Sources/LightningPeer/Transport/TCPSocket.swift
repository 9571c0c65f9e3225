#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A blocking TCP socket with per-call deadlines (poll(2) before every read and write).
/// Reads and writes may come from two different threads; `close()` from any thread.
public final class TCPSocket: Sendable {
    let lifetime: DescriptorLifetime
    private var fd: Int32 { lifetime.fd }
    /// "host:port" of the other end, for messages.
    public let remoteDescription: String

    init(fd: Int32, remoteDescription: String) {
        lifetime = DescriptorLifetime(fd) { _ = systemClose($0) }
        self.remoteDescription = remoteDescription
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    deinit {
        close()
    }

    /// Resolves `host` and connects to the first address that answers before `deadline`.
    public static func connect(host: String, port: UInt16, deadline: ContinuousClock.Instant) throws -> TCPSocket {
        let label = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamType
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw PeerError.connectFailed(address: label, reason: "cannot resolve host (\(String(cString: gai_strerror(rc))))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no usable address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let ai = entry {
            entry = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            guard fd >= 0 else { lastError = Self.errnoText(); continue }
            do {
                try connect(fd: fd, address: ai.pointee.ai_addr, length: ai.pointee.ai_addrlen, deadline: deadline)
                return TCPSocket(fd: fd, remoteDescription: label)
            } catch let error as PeerError {
                _ = systemClose(fd)
                if case .timedOut = error { throw PeerError.timedOut("connecting to \(label)") }
                if case .socket(let text) = error { lastError = text }
            }
        }
        throw PeerError.connectFailed(address: label, reason: lastError)
    }

    private static func connect(fd: Int32, address: UnsafeMutablePointer<sockaddr>?, length: socklen_t, deadline: ContinuousClock.Instant) throws {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        if systemConnect(fd, address, length) != 0 {
            guard errno == EINPROGRESS else { throw PeerError.socket(errnoText()) }
            try wait(fd: fd, events: Int16(POLLOUT), deadline: deadline, what: "connecting")
            var soError: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &len)
            guard soError == 0 else { throw PeerError.socket(String(cString: strerror(soError))) }
        }
        _ = fcntl(fd, F_SETFL, flags)
    }

    /// Reads exactly `count` bytes. Throws `closedByPeer` on EOF, `timedOut` at the deadline.
    public func read(exactly count: Int, deadline: ContinuousClock.Instant, what: String) throws -> [UInt8] {
        // The descriptor stays ours until this call returns, even if another thread closes it.
        guard lifetime.enter() else { throw PeerError.closedByPeer(during: what) }
        defer { lifetime.leave() }
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            if lifetime.isClosed { throw PeerError.closedByPeer(during: what) }
            do {
                try Self.wait(fd: fd, events: Int16(POLLIN), deadline: deadline, what: "reading \(what) from \(remoteDescription)")
            } catch PeerError.timedOut(let text) where got > 0 {
                // Part of a unit arrived: the stream cannot be resumed, so this is not a plain timeout.
                throw PeerError.protocolViolation("stalled after \(got) of \(count) bytes while \(text)")
            }
            let n = out.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + got, count - got, 0) }
            if n == 0 { throw PeerError.closedByPeer(during: what) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if lifetime.isClosed || errno == ECONNRESET { throw PeerError.closedByPeer(during: what) }
                throw PeerError.socket("recv: \(Self.errnoText())")
            }
            got += n
        }
        return out
    }

    /// Writes all bytes.
    public func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws {
        guard lifetime.enter() else { throw PeerError.closedByPeer(during: "sending") }
        defer { lifetime.leave() }
        var sent = 0
        while sent < bytes.count {
            if lifetime.isClosed { throw PeerError.closedByPeer(during: "sending") }
            try Self.wait(fd: fd, events: Int16(POLLOUT), deadline: deadline, what: "writing to \(remoteDescription)")
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, Self.sendFlags) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == EPIPE || errno == ECONNRESET { throw PeerError.closedByPeer(during: "sending") }
                throw PeerError.socket("send: \(Self.errnoText())")
            }
            sent += n
        }
    }

    /// Ends the connection once, from any thread: wakes a reader blocked in poll (it sees the
    /// end of the stream) and makes later calls fail. The descriptor is released at once, or by
    /// the last call still running (`DescriptorLifetime`).
    public func close() {
        lifetime.close { _ = shutdown($0, Int32(SHUT_RDWR)) }
    }

    public var isClosed: Bool { lifetime.isClosed }

    /// Polls until `events` are ready or the deadline passes.
    static func wait(fd: Int32, events: Int16, deadline: ContinuousClock.Instant, what: String) throws {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            let ms = max(0, Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            if remaining <= .zero { throw PeerError.timedOut(what) }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&p, 1, max(ms, 1))
            if rc > 0 { return }  // ready, or an error/hangup the next call will report
            if rc < 0 && errno != EINTR { throw PeerError.socket("poll: \(errnoText())") }
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    static let streamType = SOCK_STREAM
    static let sendFlags: Int32 = 0
    #endif
}

// Free-function aliases: inside TCPSocket, `close` and `connect` name the methods.
@inline(__always) func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

@inline(__always) func systemConnect(_ fd: Int32, _ addr: UnsafeMutablePointer<sockaddr>?, _ len: socklen_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.connect(fd, addr, len)
    #else
    return Darwin.connect(fd, addr, len)
    #endif
}
