/// One HTTP request.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// Overrides the client's limits for this request.
    public var timeouts: HTTPTimeouts?

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: HTTPBody = .empty, timeouts: HTTPTimeouts? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
    }
}
