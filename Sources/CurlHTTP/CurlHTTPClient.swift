import Synchronization

/// A small async HTTP/1.1 client over libcurl easy handles. Each transfer runs on its own
/// thread; cancelling the calling task aborts it. Plain http, TLS trust, the proxy and every
/// timeout come from the configuration, so a caller cannot forget one.
public final class CurlHTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let pool: HandlePool

    public init(configuration: HTTPClientConfiguration) throws(HTTPClientError) {
        try CurlRuntime.ensure()
        self.configuration = configuration
        pool = HandlePool(capacity: configuration.maxIdleHandles)
    }

    /// Sends a request and collects the whole response (any status; check `status`).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let prepared = try PreparedRequest(request, configuration: configuration, streaming: false)
        let collector = ResponseCollector(limit: configuration.maxResponseBytes)
        let outcome = Mutex<CheckedContinuation<HTTPResponse, any Error>?>(nil)
        let transfer = Transfer(prepared, pool: pool, events: TransferEvents(
            head: { collector.head = $0 },
            chunk: { collector.append($0) },
            finish: { error in
                let continuation = outcome.withLock { slot in defer { slot = nil }; return slot }
                if let error {
                    continuation?.resume(throwing: error)
                } else {
                    continuation?.resume(returning: collector.response())
                }
            }
        ))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.withLock { $0 = continuation }
                transfer.start()
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    /// Sends a request and returns as soon as the response head arrives; the body follows as
    /// chunks. Used for lnd's server streams, which can stay open for days.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let prepared = try PreparedRequest(request, configuration: configuration, streaming: true)
        let (body, bodyContinuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let headSlot = Mutex<CheckedContinuation<HTTPResponseHead, any Error>?>(nil)
        let transfer = Transfer(prepared, pool: pool, events: TransferEvents(
            head: { head in
                headSlot.withLock { slot in defer { slot = nil }; return slot }?.resume(returning: head)
            },
            chunk: { chunk in
                bodyContinuation.yield(chunk)
                return nil
            },
            finish: { error in
                headSlot.withLock { slot in defer { slot = nil }; return slot }?.resume(throwing: error ?? CancellationError())
                bodyContinuation.finish(throwing: error)
            }
        ))
        // Stopping the iteration (or dropping the stream) aborts the transfer.
        bodyContinuation.onTermination = { _ in transfer.cancel() }
        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                headSlot.withLock { $0 = continuation }
                transfer.start()
            }
        } onCancel: {
            transfer.cancel()
        }
        return HTTPStreamingResponse(head: head, body: HTTPByteStream(chunks: body, abort: { transfer.cancel() }))
    }
}

/// Accumulates a response on the transfer thread; read once after `finish`.
private final class ResponseCollector: @unchecked Sendable {
    let limit: Int
    var head = HTTPResponseHead(status: 0, headers: HTTPHeaders())
    var body: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
    }

    func append(_ chunk: [UInt8]) -> (any Error)? {
        guard body.count + chunk.count <= limit else { return HTTPClientError.responseTooLarge(limit: limit) }
        body += chunk
        return nil
    }

    func response() -> HTTPResponse {
        HTTPResponse(head: head, body: body)
    }
}
