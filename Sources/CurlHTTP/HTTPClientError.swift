/// Why a request failed, with a message that says what to check.
public enum HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL cannot be used (bad syntax, unsupported scheme).
    case invalidURL(String, reason: String)
    /// A header name or value contains characters that would break the request.
    case invalidHeader(name: String)
    /// The URL asks for plain http where this client requires TLS, or for a remote host over plain http.
    case plainHTTPNotAllowed(url: String, reason: String)
    /// The pinned certificate or public key given in the configuration is unusable.
    case invalidPinnedCertificate(reason: String)
    /// The proxy setting is unusable.
    case invalidProxy(String, reason: String)
    /// The host name did not resolve.
    case hostNotFound(host: String)
    /// TCP connect failed: nothing listens there, or the host is unreachable.
    case connectionFailed(host: String, port: Int, detail: String)
    /// The SOCKS5 proxy could not be reached or could not reach the destination.
    case proxyFailed(proxy: String, detail: String)
    /// A time limit expired (connect, total or low speed).
    case timedOut(host: String, port: Int, detail: String)
    /// The server's public key is not the pinned one.
    case certificateChanged(host: String, port: Int)
    /// The TLS handshake failed for another reason (untrusted CA, wrong host name, protocol error).
    case tlsFailed(host: String, port: Int, detail: String)
    /// The connection broke during the exchange (reset, truncated body, empty reply).
    case connectionLost(host: String, port: Int, detail: String)
    /// The response body exceeded the configured limit.
    case responseTooLarge(limit: Int)
    /// libcurl could not be set up.
    case setupFailed(String)
    /// Any other libcurl failure.
    case transferFailed(code: Int, detail: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "invalid URL \(url): \(reason)"
        case .invalidHeader(let name):
            return "invalid HTTP header \(name): names and values must not contain line breaks or NUL"
        case .plainHTTPNotAllowed(let url, let reason):
            return "refusing plain http to \(url): \(reason)"
        case .invalidPinnedCertificate(let reason):
            return "cannot use the pinned certificate: \(reason)"
        case .invalidProxy(let proxy, let reason):
            return "invalid proxy \(proxy): \(reason)"
        case .hostNotFound(let host):
            return "cannot resolve host \(host): check the name (and the network, or the Tor proxy for .onion names)"
        case .connectionFailed(let host, let port, let detail):
            return "cannot connect to \(host):\(port) (\(detail)): is the server running and listening on that address and port?"
        case .proxyFailed(let proxy, let detail):
            return "the SOCKS5 proxy \(proxy) failed (\(detail)): is Tor running, and is the destination reachable through it?"
        case .timedOut(let host, let port, let detail):
            return "request to \(host):\(port) timed out (\(detail)): the server or the network is too slow or not answering"
        case .certificateChanged(let host, let port):
            return "the TLS certificate of \(host):\(port) changed: its public key is not the pinned one. "
                + "lnd makes a new tls.cert when the old one expires or is deleted, or when tlsextraip/tlsextradomain change; "
                + "if you made that change, pin the new certificate (copy the new tls.cert); otherwise someone may be intercepting the connection"
        case .tlsFailed(let host, let port, let detail):
            return "TLS handshake with \(host):\(port) failed (\(detail)): check the URL, the certificate and the trust settings"
        case .connectionLost(let host, let port, let detail):
            return "connection to \(host):\(port) broke during the request (\(detail)); retrying may help"
        case .responseTooLarge(let limit):
            return "the response is larger than the limit of \(limit) bytes"
        case .setupFailed(let detail):
            return "HTTP client setup failed: \(detail)"
        case .transferFailed(let code, let detail):
            return "HTTP request failed (libcurl error \(code)): \(detail)"
        }
    }

    /// Network-level failures worth retrying (the server may come back); configuration errors are not.
    public var isTransient: Bool {
        switch self {
        case .hostNotFound, .connectionFailed, .proxyFailed, .timedOut, .connectionLost:
            return true
        case .transferFailed:
            return true
        default:
            return false
        }
    }
}
