import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A man in the middle for tests: an HTTP server on a loopback port that answers every request
/// with one canned answer (status, headers, body), whatever was asked.
final class CannedHTTPServer: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    let port: Int
    private let box: AnswerBox
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, box: AnswerBox, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.box = box
        self.group = group
        self.task = task
    }

    func answer(with canned: Answer) { box.answer.withLock { $0 = canned } }

    static func start(_ first: Answer) async throws -> CannedHTTPServer {
        let box = AnswerBox(first)
        let router = Router()
        for method in [HTTPRequest.Method.get, .put, .post, .delete] {
            router.on(RouterPath("**"), method: method) { request, _ in
                // The body is drained so that the client sees the answer, not a reset.
                for try await _ in request.body {}
                return box.response()
            }
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "canned-http")
        logger.logLevel = .error
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return CannedHTTPServer(port: port, box: box, group: group, task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// The shared canned answer, read per request.
private final class AnswerBox: Sendable {
    let answer: Mutex<CannedHTTPServer.Answer>
    init(_ first: CannedHTTPServer.Answer) {
        answer = Mutex(first)
    }

    func response() -> Response {
        let canned = answer.withLock { $0 }
        var fields = HTTPFields()
        for (name, value) in canned.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: .init(code: canned.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: canned.body)))
    }
}
