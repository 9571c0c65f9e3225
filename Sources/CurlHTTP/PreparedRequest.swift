/// A request validated against the client's policy, with every limit resolved.
struct PreparedRequest: Sendable {
    let target: RequestTarget
    let method: HTTPMethod
    let headers: HTTPHeaders
    let body: HTTPBody
    let timeouts: HTTPTimeouts
    let security: TransportSecurity
    let proxy: SOCKSProxy?
    let userAgent: String

    init(_ request: HTTPRequest, configuration: HTTPClientConfiguration, streaming: Bool) throws(HTTPClientError) {
        target = try RequestTarget(url: request.url)
        try target.check(against: configuration.security, proxy: configuration.proxy)
        for field in request.headers {
            // Bytes, not Characters: "\r\n" is a single Character in Swift.
            let forbidden: (UInt8) -> Bool = { $0 == 0x0d || $0 == 0x0a || $0 == 0 }
            guard !field.name.isEmpty, !field.name.utf8.contains(where: { forbidden($0) || $0 == 0x3a || $0 == 0x20 }),
                  !field.value.utf8.contains(where: forbidden)
            else { throw .invalidHeader(name: field.name) }
        }
        guard !request.method.rawValue.isEmpty, request.method.rawValue.allSatisfy({ $0.isLetter }) else {
            throw .invalidURL(request.url, reason: "invalid method \(request.method)")
        }
        method = request.method
        headers = request.headers
        body = request.body
        timeouts = request.timeouts ?? (streaming ? configuration.streamTimeouts : configuration.timeouts)
        security = configuration.security
        proxy = configuration.proxy
        userAgent = configuration.userAgent
    }
}
