import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServerSupport

/// A man in the middle with a mis-issued certificate, for tests: it passes every request through
/// to the real vault, except blob uploads, which it swallows and answers itself with a
/// plausible 201 receipt (review M3). Loopback HTTP stands in for the broken TLS.
final class ReceiptFakingProxy: Sendable {
    private let server: BackgroundServer
    var port: Int { server.port }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(server: BackgroundServer) {
        self.server = server
    }

    static func start(upstream: String) async throws -> ReceiptFakingProxy {
        let router = Router()
        for method in [HTTPRequest.Method.get, .put, .post, .delete] {
            router.on(RouterPath("**"), method: method) { request, _ in
                var body: [UInt8] = []
                for try await part in request.body { body.append(contentsOf: part.readableBytesView) }
                let target = request.head.path ?? "/"
                if request.method == .put, target.contains("/versions/") {
                    return fakeReceipt(target: target, request: request, size: body.count)
                }
                return try await forward(request, target: target, body: body, to: upstream)
            }
        }
        var logger = Logger(label: "mitm")
        logger.logLevel = .error
        let server = try await BackgroundServer.start(port: 0, logger: logger, drainLimit: .seconds(10)) { [logger] onBound in
            Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in onBound(channel.localAddress?.port ?? 0) }, logger: logger)
        }
        return ReceiptFakingProxy(server: server)
    }

    func stop() async {
        await server.stop()
    }

    /// What the vault would say had it stored the version: name, version and hash from the request.
    private static func fakeReceipt(target: String, request: Request, size: Int) -> Response {
        let parts = target.split(separator: "/")
        let name = parts.count >= 3 ? parts[parts.count - 3] : "scb"
        let version = parts.last.map(String.init) ?? "1"
        let hash = request.headers[HTTPField.Name("Casa-Content-Hash")!] ?? ""
        let json = #"{"name":"\#(name)","version":\#(version),"size":\#(size),"contentHash":"\#(hash)","storedAt":\#(Int64(Date().timeIntervalSince1970 * 1000))}"#
        return Response(status: .created, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    private static func forward(_ request: Request, target: String, body: [UInt8], to upstream: String) async throws -> Response {
        var forwarded = URLRequest(url: URL(string: upstream + target)!)
        forwarded.httpMethod = request.method.rawValue
        for field in request.headers where field.name.canonicalName != "host" && field.name != .contentLength {
            forwarded.setValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        if !body.isEmpty || request.method == .put || request.method == .post { forwarded.httpBody = Data(body) }
        let (data, answer) = try await URLSession.shared.data(for: forwarded)
        guard let http = answer as? HTTPURLResponse else { return Response(status: .badGateway) }
        var headers = HTTPFields()
        for (name, value) in http.allHeaderFields {
            guard let field = HTTPField.Name("\(name)"), field != .contentLength, field != .transferEncoding, field != .connection else { continue }
            headers[field] = "\(value)"
        }
        return Response(status: .init(code: http.statusCode), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
