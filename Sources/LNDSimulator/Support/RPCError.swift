/// An error as lnd's REST gateway reports it: a gRPC status code and message, sent as
/// `{"code":..,"message":..,"details":[]}` with the HTTP status grpc-gateway maps the code to.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Int, Sendable {
        case ok = 0, cancelled = 1, unknown = 2, invalidArgument = 3, deadlineExceeded = 4, notFound = 5
        case alreadyExists = 6, permissionDenied = 7, resourceExhausted = 8, failedPrecondition = 9
        case aborted = 10, outOfRange = 11, unimplemented = 12, `internal` = 13, unavailable = 14
        case dataLoss = 15, unauthenticated = 16
    }

    public var code: Code
    public var message: String
    /// grpc-gateway's routing errors keep their own HTTP status (405 for a wrong method).
    public var httpStatusOverride: Int?

    public init(_ code: Code, _ message: String, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatusOverride = httpStatus
    }

    /// Plain Go errors returned by lnd's handlers arrive as gRPC Unknown (HTTP 500).
    public static func unknown(_ message: String) -> RPCError { RPCError(.unknown, message) }

    public var description: String { "rpc error: code = \(code) desc = \(message)" }

    /// grpc-gateway v2 `HTTPStatusFromCode`.
    public var httpStatus: Int {
        if let httpStatusOverride { return httpStatusOverride }
        switch code {
        case .ok: return 200
        case .cancelled: return 499
        case .unknown: return 500
        case .invalidArgument: return 400
        case .deadlineExceeded: return 504
        case .notFound: return 404
        case .alreadyExists: return 409
        case .permissionDenied: return 403
        case .unauthenticated: return 401
        case .resourceExhausted: return 429
        case .failedPrecondition: return 400
        case .aborted: return 409
        case .outOfRange: return 400
        case .unimplemented: return 501
        case .internal: return 500
        case .unavailable: return 503
        case .dataLoss: return 500
        }
    }

    /// The google.rpc.Status message as protojson emits it.
    public var statusJSON: JSONValue {
        .object([("code", .integer(Int64(code.rawValue))), ("message", .string(message)), ("details", .array([]))])
    }
}
