/// One request to the agent's loopback control endpoint.
public struct ControlRequest: Sendable, Equatable {
    public let method: String
    public let path: String
    public let query: [String: String]

    /// Parses an HTTP/1.1 request line (`GET /status?json=1 HTTP/1.1`); nil when malformed.
    public init?(requestLine: String) {
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        method = String(parts[0])
        let target = parts[1]
        let pieces = target.split(separator: "?", maxSplits: 1)
        path = String(pieces.first ?? "")
        var query: [String: String] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                query[String(kv[0])] = kv.count == 2 ? String(kv[1]) : ""
            }
        }
        self.query = query
    }
}

/// The answer to a `ControlRequest`.
public struct ControlResponse: Sendable, Equatable {
    public let status: Int
    public let contentType: String
    public let body: [UInt8]

    public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
        self.status = status
        self.contentType = contentType
        self.body = Array(body.utf8)
    }

    var bytes: [UInt8] {
        let reason = status == 200 ? "OK" : status == 404 ? "Not Found" : status == 504 ? "Gateway Timeout" : "Error"
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }
}
