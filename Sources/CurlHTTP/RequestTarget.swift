internal import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scheme, host and port of a URL, parsed by libcurl itself so that what we check is what curl connects to.
struct RequestTarget: Sendable {
    let url: String
    let scheme: String
    /// Without IPv6 brackets.
    let host: String
    let port: Int

    init(url: String) throws(HTTPClientError) {
        guard let handle = curl_url() else { throw .setupFailed("curl_url() failed") }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else {
            throw .invalidURL(url, reason: "not a valid absolute URL (expected e.g. https://127.0.0.1:8080)")
        }
        func part(_ which: CURLUPart, _ flags: UInt32 = 0) -> String? {
            var value: UnsafeMutablePointer<CChar>? = nil
            guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let scheme = part(CURLUPART_SCHEME)?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .invalidURL(url, reason: "only http:// and https:// are supported")
        }
        guard var host = part(CURLUPART_HOST), !host.isEmpty else { throw .invalidURL(url, reason: "no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let portText = part(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT)), let port = Int(portText) else {
            throw .invalidURL(url, reason: "no port")
        }
        self.url = url
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
    }

    /// localhost, 127.0.0.0/8 or ::1: traffic never leaves the machine.
    var isLoopback: Bool {
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    var isOnion: Bool { host.hasSuffix(".onion") }

    /// Applies the client's transport policy before anything touches the network.
    func check(against security: TransportSecurity, proxy: SOCKSProxy?) throws(HTTPClientError) {
        switch security {
        case .systemTrust, .pinned, .trustedCAFile:
            guard scheme == "https" else {
                throw .plainHTTPNotAllowed(url: url, reason: "this client requires TLS; use an https:// URL (plain http must be configured explicitly)")
            }
        case .plainHTTP(let allowRemoteHosts):
            guard scheme == "http" else {
                throw .invalidURL(url, reason: "this client is configured for plain http; configure TLS (a pinned certificate or system trust) for https")
            }
            let viaTor = isOnion && proxy != nil
            guard allowRemoteHosts || isLoopback || viaTor else {
                throw .plainHTTPNotAllowed(url: url, reason: "\(host) is not a loopback address; plain http would expose credentials on the network; use https")
            }
        }
    }
}
