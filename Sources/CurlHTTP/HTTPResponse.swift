/// Status line and header fields of a response.
public struct HTTPResponseHead: Sendable {
    public let status: Int
    public let headers: HTTPHeaders

    public init(status: Int, headers: HTTPHeaders) {
        self.status = status
        self.headers = headers
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A complete response.
public struct HTTPResponse: Sendable {
    public let head: HTTPResponseHead
    public let body: [UInt8]

    public init(head: HTTPResponseHead, body: [UInt8]) {
        self.head = head
        self.body = body
    }

    public var status: Int { head.status }
    public var headers: HTTPHeaders { head.headers }
}

/// A response whose body arrives as byte chunks while the transfer runs (lnd's NDJSON streams).
/// Chunk boundaries are arbitrary: they need not match lines or messages. Ending the iteration
/// early, releasing the response or calling `body.cancel()` aborts the transfer.
public struct HTTPStreamingResponse: Sendable {
    public let head: HTTPResponseHead
    public let body: HTTPByteStream

    public var status: Int { head.status }
    public var headers: HTTPHeaders { head.headers }

    /// Reads the rest of the body into memory, up to `limit` bytes.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard bytes.count + chunk.count <= limit else { throw HTTPClientError.responseTooLarge(limit: limit) }
            bytes += chunk
        }
        return bytes
    }
}
