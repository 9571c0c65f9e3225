import BlobStorage
import Foundation
import HTTPTypes
import Hummingbird
import VaultAPI

/// An error the vault answers with: a status and a JSON body `{"error":{"code":…,"message":…}}`.
public struct VaultError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    public let status: HTTPResponse.Status
    public let body: ErrorResponse.Body

    public init(_ status: HTTPResponse.Status, _ code: VaultErrorCode, _ message: String,
                currentVersion: UInt64? = nil, retryAfter: Int? = nil, serverTime: Int64? = nil) {
        self.status = status
        self.body = ErrorResponse.Body(code: code.rawValue, message: message, currentVersion: currentVersion,
                                       retryAfter: retryAfter, serverTime: serverTime)
    }

    public var description: String { "\(status.code) \(body.code): \(body.message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = VaultLimits.jsonContentType
        if let retryAfter = body.retryAfter { headers[.retryAfter] = String(retryAfter) }
        let data = (try? JSONEncoder().encode(ErrorResponse(error: body))) ?? Data(#"{"error":{"code":"internal_error","message":"?"}}"#.utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The HTTP form of a storage error.
    public init(_ error: BlobStoreError) {
        let status: HTTPResponse.Status = switch error.code {
        case .badRequest, .invalidName, .invalidContentHash, .invalidVersion: .badRequest
        case .notFound: .notFound
        case .versionConflict, .possibleClone: .conflict
        case .tooLarge: .contentTooLarge
        case .quotaExceeded: .vaultInsufficientStorage
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .rateLimited: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
        // The finer code when the store gave one the API knows (e.g. `device_quota_exceeded`).
        let code = error.detailCode.flatMap(VaultErrorCode.init(rawValue:)) ?? VaultErrorCode(rawValue: error.code.rawValue) ?? .badRequest
        self.init(status, code, error.message, currentVersion: error.currentVersion, retryAfter: error.retryAfterSeconds)
    }
}
