/// One REST rule of lnd's gateway (lnd-api/*.yaml): method, path pattern, the gRPC method it
/// maps to, the macaroon permissions lnd requires for it (docs/lnd.md §3.2) and how the
/// wallet state gates it.
public struct RESTRoute: Sendable {
    public enum Service: Sendable {
        case walletUnlocker, state, lightning, signer
    }

    public enum Reply: Sendable {
        case message(JSONValue)
        case stream(MessageStream)
    }

    public typealias Handler = @Sendable (RESTRequest, SimulatedNode) async throws(RPCError) -> Reply

    public let method: String
    public let pattern: [String]
    public let fullMethod: String
    public let permissions: [MacaroonOperation]
    public let service: Service
    /// Refused with "server is still in the process of starting" before SERVER_ACTIVE.
    public let needsServer: Bool
    public let isStream: Bool
    let handler: Handler

    init(
        _ method: String, _ path: String, _ fullMethod: String, _ permissions: [MacaroonOperation],
        service: Service = .lightning, needsServer: Bool = false, stream: Bool = false, handler: @escaping Handler
    ) {
        self.method = method
        self.pattern = path.split(separator: "/").map(String.init)
        self.fullMethod = fullMethod
        self.permissions = permissions
        self.service = service
        self.needsServer = needsServer
        self.isStream = stream
        self.handler = handler
    }

    /// The path parameters when `segments` matches the pattern.
    func match(_ segments: [String]) -> [String: String]? {
        guard segments.count == pattern.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, segment) in zip(pattern, segments) {
            if part.hasPrefix("{") && part.hasSuffix("}") {
                parameters[String(part.dropFirst().dropLast())] = segment
            } else if part != segment {
                return nil
            }
        }
        return parameters
    }
}

/// A REST request reduced to what handlers need.
public struct RESTRequest: Sendable {
    public var pathParameters: [String: String]
    public var query: [String: [String]]
    public var body: [UInt8]

    func queryString(_ name: String) -> String? {
        query[name]?.last ?? query[JSONInput.camelCase(name)]?.last
    }

    func queryBool(_ name: String) throws(RPCError) -> Bool {
        guard let text = queryString(name) else { return false }
        switch text.lowercased() {
        case "true", "1", "t": return true
        case "false", "0", "f", "": return false
        default: throw RPCError(.invalidArgument, "type mismatch, parameter: \(name), error: strconv.ParseBool: parsing \"\(text)\": invalid syntax")
        }
    }

    func queryBytes(_ name: String) throws(RPCError) -> [UInt8] {
        guard let text = queryString(name) else { return [] }
        guard let bytes = JSONInput.decodeBase64(text) else {
            throw RPCError(.invalidArgument, "type mismatch, parameter: \(name), error: illegal base64 data at input byte 0")
        }
        return bytes
    }

    func queryInt64(_ name: String) throws(RPCError) -> Int64 {
        guard let text = queryString(name) else { return 0 }
        guard let value = Int64(text) else {
            throw RPCError(.invalidArgument, "type mismatch, parameter: \(name), error: strconv.ParseInt: parsing \"\(text)\": invalid syntax")
        }
        return value
    }

    func pathUInt32(_ name: String) throws(RPCError) -> UInt32 {
        guard let text = pathParameters[name], let value = UInt32(text) else {
            throw RPCError(.invalidArgument, "type mismatch, parameter: \(name), error: strconv.ParseUint: parsing \"\(pathParameters[name] ?? "")\": invalid syntax")
        }
        return value
    }
}
