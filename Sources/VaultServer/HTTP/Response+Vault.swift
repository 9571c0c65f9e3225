import BlobStorage
import Foundation
import HTTPTypes
import Hummingbird
import VaultAPI
import Codecs

extension Response {
    /// A JSON response with the vault's content type.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: status, headers: [.contentType: VaultLimits.jsonContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A blob's metadata as `BlobInfoDTO` JSON (the answer to every upload).
    static func json(_ info: BlobInfo, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: VaultLimits.jsonContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: info.dtoJSON)))
    }

    /// A blob's bytes with its version, hash and commit time in headers.
    static func blob(_ blob: Blob) -> Response {
        var headers: HTTPFields = [.contentType: VaultLimits.blobContentType]
        headers[.casaVersion] = String(blob.info.version)
        headers[.casaContentHash] = blob.info.contentHash.hex
        headers[.casaStoredAt] = String(blob.info.storedAt.unixMilliseconds)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: blob.data)))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

/// Decodes a JSON request body or answers 400 `invalid_json` saying what is wrong.
func decodeJSON<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
    do {
        return try JSONDecoder().decode(type, from: Data(body))
    } catch {
        throw VaultError(.badRequest, .invalidJSON, "the JSON body is not a valid \(type): \(JSONProblem.describe(error))")
    }
}

private enum JSONProblem {
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not JSON"
        default: "unreadable"
        }
    }
}

/// Parses a hex Ed25519 public key from a path or body, or answers 400 `invalid_key`.
func parseKey(_ text: String?, what: String) throws -> [UInt8] {
    guard let text, let key = Hex.decode(text), key.count == 32 else {
        throw VaultError(.badRequest, .invalidKey, "\(what) must be 64 hex digits (an Ed25519 public key)")
    }
    return key
}
