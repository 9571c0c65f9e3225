import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import VaultAPI

/// Answers a request the HTTP parser refused like every other vault error: JSON body and
/// `Casa-Server-Time`. A header block over `max_header_bytes` or over 100 fields is 431
/// `headers_too_large`; any other malformed request is 400 `bad_request`. (Hummingbird alone
/// answers a bare 400.) The connection is closed afterwards: the parser cannot resynchronise.
final class ParseErrorResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let clock: VaultClock
    private let maxHeaderBytes: Int
    private var answered = false

    init(clock: VaultClock, maxHeaderBytes: Int) {
        self.clock = clock
        self.maxHeaderBytes = maxHeaderBytes
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let error = parseError == .headerOverflow
            ? VaultError(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"), .headersTooLarge,
                         "the request's headers are larger than \(maxHeaderBytes) bytes or more than \(VaultLimits.maxHeaderFields) fields")
            : VaultError(.badRequest, .badRequest, "the request is not valid HTTP/1.1")
        let body = (try? JSONEncoder().encode(ErrorResponse(error: error.body))) ?? Data()
        var head = HTTPResponse(status: error.status)
        head.headerFields[.contentType] = VaultLimits.jsonContentType
        head.headerFields[.contentLength] = String(body.count)
        head.headerFields[.connection] = "close"
        head.headerFields[.casaServerTime] = String(clock.milliseconds())
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}
