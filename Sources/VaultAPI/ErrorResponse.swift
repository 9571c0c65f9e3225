/// The JSON body of every vault error response:
/// `{"error":{"code":"quota_exceeded","message":"…","currentVersion":3,"retryAfter":2,"serverTime":1732…}}`.
public struct ErrorResponse: Codable, Sendable, Hashable {
    public struct Body: Codable, Sendable, Hashable {
        /// A `VaultErrorCode` raw value; clients must tolerate codes they do not know.
        public var code: String
        /// A sentence for people that says what to do.
        public var message: String
        /// Version conflicts: the latest version the vault holds.
        public var currentVersion: UInt64?
        /// 429/503: seconds to wait (also in the Retry-After header).
        public var retryAfter: Int?
        /// Authentication failures: the server clock in Unix milliseconds.
        public var serverTime: Int64?

        public init(code: String, message: String, currentVersion: UInt64? = nil, retryAfter: Int? = nil, serverTime: Int64? = nil) {
            self.code = code
            self.message = message
            self.currentVersion = currentVersion
            self.retryAfter = retryAfter
            self.serverTime = serverTime
        }
    }

    public var error: Body

    public init(error: Body) { self.error = error }
}
