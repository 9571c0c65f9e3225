import BlobStorage
import HTTPTypes
import Hummingbird
import NIOCore
import Sodium
import VaultAPI
import Codecs

/// Signs every answer to a signed request, errors included, with the vault's response key
/// (`Casa-Response-Signature`, docs/vault-api.md "Signed responses"). Outermost, so it signs
/// the final status and bytes: the body is collected here (every vault body is one buffer
/// already) and handed on unchanged.
///
/// A request whose own signature did not verify still gets a signed answer: the signature only
/// says "the vault answered this to a request bearing that signature", and such an answer is
/// always an error, never a receipt.
struct ResponseSigningMiddleware: RouterMiddleware {
    typealias Context = VaultRequestContext

    let key: VaultResponseKey

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let text = request.headers[.casaSignature], text.utf8.count == 2 * Ed25519.signatureByteCount,
              let requestSignature = Hex.decode(text)
        else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let body = collector.buffer
        let hash = body.withUnsafeReadableBytes { SHA256.hash(Array($0)) }
        if let signature = key.signature(requestSignature: requestSignature, status: Int(response.status.code), bodySHA256: hash) {
            response.headers[.casaResponseSignature] = signature
        }
        response.body = ResponseBody(byteBuffer: body)
        return response
    }
}

/// Keeps what a response body writes, to hash and resend it.
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        // Vault bodies come as one buffer: keep it as is rather than copy it.
        guard buffer.readableBytes > 0 else {
            buffer = part
            return
        }
        var part = part
        buffer.writeBuffer(&part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
