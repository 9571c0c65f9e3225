/// A SOCKS5 client (RFC 1928) that always sends the target as a domain name (address type 3),
/// so the proxy resolves it ("socks5h"). That is what makes .onion addresses work through Tor
/// and keeps DNS lookups off the local network. No authentication, or RFC 1929
/// username/password (Tor uses distinct credentials to isolate circuits).
public enum SOCKS5Client {
    public struct Credentials: Sendable, Equatable {
        public let username: String
        public let password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// Connects to the proxy and asks it to CONNECT to `target`. Returns the tunnelled socket.
    public static func connect(proxy: PeerAddress, target: PeerAddress, credentials: Credentials? = nil,
                               deadline: ContinuousClock.Instant) throws -> TCPSocket {
        let hostBytes = Array(target.host.utf8)
        guard !hostBytes.isEmpty, hostBytes.count <= 255 else {
            throw PeerError.invalidAddress("'\(target.host)': a SOCKS5 domain name is 1 to 255 bytes")
        }
        let socket = try TCPSocket.connect(host: proxy.host, port: proxy.port, deadline: deadline)
        do {
            try negotiate(socket, credentials: credentials, deadline: deadline)
            try socket.write([0x05, 0x01, 0x00, 0x03, UInt8(hostBytes.count)] + hostBytes + [UInt8(target.port >> 8), UInt8(target.port & 0xff)],
                             deadline: deadline)
            let head = try socket.read(exactly: 4, deadline: deadline, what: "the SOCKS5 reply")
            guard head[0] == 0x05 else { throw PeerError.socks("reply version \(head[0]); \(proxy) is not a SOCKS5 proxy") }
            guard head[1] == 0x00 else { throw PeerError.socks("cannot reach \(target): \(replyText(head[1]))") }
            let addressLength: Int
            switch head[3] {
            case 0x01: addressLength = 4
            case 0x04: addressLength = 16
            case 0x03: addressLength = Int(try socket.read(exactly: 1, deadline: deadline, what: "the SOCKS5 reply")[0])
            default: throw PeerError.socks("reply has unknown address type \(head[3])")
            }
            _ = try socket.read(exactly: addressLength + 2, deadline: deadline, what: "the SOCKS5 reply")
            return socket
        } catch let error as PeerError {
            socket.close()
            if case .closedByPeer = error { throw PeerError.socks("\(proxy) closed the connection during negotiation") }
            throw error
        }
    }

    private static func negotiate(_ socket: TCPSocket, credentials: Credentials?, deadline: ContinuousClock.Instant) throws {
        let method: UInt8 = credentials == nil ? 0x00 : 0x02
        try socket.write([0x05, 0x01, method], deadline: deadline)
        let choice = try socket.read(exactly: 2, deadline: deadline, what: "the SOCKS5 method choice")
        guard choice[0] == 0x05 else { throw PeerError.socks("version \(choice[0]) is not SOCKS5") }
        guard choice[1] == method else {
            throw PeerError.socks(choice[1] == 0xff ? "the proxy accepts none of our authentication methods" : "the proxy chose unsupported method \(choice[1])")
        }
        guard let credentials else { return }
        let user = Array(credentials.username.utf8), pass = Array(credentials.password.utf8)
        guard (1...255).contains(user.count), (1...255).contains(pass.count) else {
            throw PeerError.socks("username and password must each be 1 to 255 bytes")
        }
        try socket.write([0x01, UInt8(user.count)] + user + [UInt8(pass.count)] + pass, deadline: deadline)
        let status = try socket.read(exactly: 2, deadline: deadline, what: "the SOCKS5 authentication status")
        guard status[1] == 0x00 else { throw PeerError.socks("the proxy rejected the username/password") }
    }

    /// RFC 1928 §6 reply codes.
    static func replyText(_ code: UInt8) -> String {
        switch code {
        case 0x01: return "general SOCKS server failure"
        case 0x02: return "connection not allowed by ruleset"
        case 0x03: return "network unreachable"
        case 0x04: return "host unreachable (for .onion: the service is offline or unknown)"
        case 0x05: return "connection refused"
        case 0x06: return "TTL expired"
        case 0x07: return "command not supported"
        case 0x08: return "address type not supported (the proxy cannot resolve names; use Tor's SOCKS port)"
        default: return "reply code \(code)"
        }
    }
}
