import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves lnd's REST gateway behaviour: routing errors, wallet-state gating, macaroons, unary
/// JSON replies and server streams (one `{"result":…}` line per message, chunked; a stream
/// error is a `{"error":…}` line; no response head until the first message, as grpc-gateway).
struct RESTDispatcher: Sendable {
    let node: SimulatedNode
    let routes: [RESTRoute] = RESTRoutes.all
    static let macaroonHeader = HTTPField.Name("Grpc-Metadata-macaroon")!
    static let maximumBody = 16 << 20

    func respond(to request: Request) async -> Response {
        let segments = request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let method = request.method.rawValue
        let candidates = routes.compactMap { route in route.match(segments).map { (route, $0) } }
        guard !candidates.isEmpty else {
            return RESTDispatcher.unary(error: RPCError(.notFound, "Not Found"))
        }
        guard let (route, parameters) = candidates.first(where: { $0.0.method == method }) else {
            return RESTDispatcher.unary(error: RPCError(.unimplemented, "Method Not Allowed"))
        }
        var body: [UInt8] = []
        var bodyRequest = request
        if let buffer = try? await bodyRequest.collectBody(upTo: RESTDispatcher.maximumBody) {
            body = Array(buffer.readableBytesView)
        }
        let restRequest = RESTRequest(pathParameters: parameters, query: RESTDispatcher.parseQuery(request.uri.query), body: body)
        let macaroons = request.headers[values: RESTDispatcher.macaroonHeader]
        do {
            // The gateway decodes the body before lnd sees the call (D15): first.
            try RequestSchemas.check(method: route.fullMethod, body: body)
            try await node.admit(route, macaroonHeaders: macaroons)
            switch try await route.handler(restRequest, node) {
            case .message(let message):
                return RESTDispatcher.json(status: .ok, message.serializedBytes())
            case .stream(let stream):
                return await RESTDispatcher.streaming(stream)
            }
        } catch {
            return route.isStream ? RESTDispatcher.streamError(error) : RESTDispatcher.unary(error: error)
        }
    }

    static func json(status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("Grpc-Metadata-Content-Type")!] = "application/grpc"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func unary(error: RPCError) -> Response {
        json(status: HTTPResponse.Status(code: error.httpStatus), error.statusJSON.serializedBytes())
    }

    static func streamLine(_ message: JSONValue) -> ByteBuffer {
        ByteBuffer(bytes: JSONValue.object([("result", message)]).serializedBytes() + [0x0a])
    }

    static func errorLine(_ error: RPCError) -> ByteBuffer {
        ByteBuffer(bytes: JSONValue.object([("error", error.statusJSON)]).serializedBytes() + [0x0a])
    }

    /// An error before the first message: the HTTP status of the code and one error line.
    static func streamError(_ error: RPCError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("Grpc-Metadata-Content-Type")!] = "application/grpc"
        let line = errorLine(error)
        return Response(status: HTTPResponse.Status(code: error.httpStatus), headers: headers, body: ResponseBody { writer in
            try await writer.write(line)
            try await writer.finish(nil)
        })
    }

    /// Waits for the first message before answering, like grpc-gateway's ForwardResponseStream.
    static func streaming(_ stream: MessageStream) async -> Response {
        var iterator = stream.makeAsyncIterator()
        let first: JSONValue?
        do {
            first = try await iterator.next()
        } catch let error as RPCError {
            return streamError(error)
        } catch {
            return droppedConnection()
        }
        guard let first else {
            return json(status: .ok, [])
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("Grpc-Metadata-Content-Type")!] = "application/grpc"
        let remaining = UncheckedIterator(iterator: iterator)
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(streamLine(first))
            var iterator = remaining.iterator
            do {
                while let message = try await iterator.next() {
                    try await writer.write(streamLine(message))
                }
            } catch let error as RPCError {
                try await writer.write(errorLine(error))
            } catch let fault as StreamFault {
                try await writer.write(ByteBuffer(bytes: fault.bytesBeforeCut))
                throw StreamCut()
            }
            try await writer.finish(nil)
        })
    }

    /// The connection goes away without a complete response (the simulated lnd died).
    static func droppedConnection() -> Response {
        Response(status: .ok, body: ResponseBody { _ in throw StreamCut() })
    }

    static func parseQuery(_ query: String?) -> [String: [String]] {
        guard let query, !query.isEmpty else { return [:] }
        var result: [String: [String]] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            result[key, default: []].append(value)
        }
        return result
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}

/// Moves a stream iterator into the response body closure (it is used by one task at a time).
struct UncheckedIterator: @unchecked Sendable {
    let iterator: MessageStream.AsyncIterator
}
