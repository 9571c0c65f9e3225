import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import ServerSupport
import Synchronization

/// A man in the middle for tests: an HTTP server on a loopback port that answers every request
/// with one canned answer (status, headers, body), whatever was asked.
final class CannedHTTPServer: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    private let box: AnswerBox
    private let server: BackgroundServer
    var port: Int { server.port }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(box: AnswerBox, server: BackgroundServer) {
        self.box = box
        self.server = server
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
        var logger = Logger(label: "canned-http")
        logger.logLevel = .error
        let server = try await BackgroundServer.start(port: 0, logger: logger, drainLimit: .seconds(10)) { [logger] onBound in
            Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in onBound(channel.localAddress?.port ?? 0) }, logger: logger)
        }
        return CannedHTTPServer(box: box, server: server)
    }

    func stop() async {
        await server.stop()
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
