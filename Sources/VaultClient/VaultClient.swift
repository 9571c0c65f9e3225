public import BlobStorage
public import CurlHTTP
import Foundation
public import Sodium
import Synchronization
import VaultAPI
import Codecs

/// The vault's HTTP API as a `BlobStore`: every request signed with one Ed25519 key
/// (docs/vault-api.md, "Signed requests"), retried with backoff and jitter on 5xx and network
/// errors (never on 4xx, re-signed with a fresh nonce each time), honouring Retry-After.
public final class VaultClient: BlobStore {
    public let configuration: VaultClientConfiguration
    private let key: Ed25519.KeyPair
    private let http: CurlHTTPClient
    private let sleep: @Sendable (Duration) async throws -> Void
    /// The vault's response key to hold every 2xx answer to (nil: answers are not checked).
    private let responseKey: VaultResponseKeyPin?
    /// Server clock minus local clock, in seconds, from the last Casa-Server-Time seen.
    private let clockOffset = Mutex<Int64>(0)

    /// - Parameter sleep: how to wait between attempts (tests record the delays instead).
    /// - Parameter responseKey: the vault response key the answers must be signed by
    ///   (docs/vault-api.md "Signed responses"); nil checks nothing (tools that do not record one).
    public init(configuration: VaultClientConfiguration, key: Ed25519.KeyPair, responseKey: VaultResponseKeyPin? = nil,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) throws {
        self.configuration = configuration
        self.key = key
        self.responseKey = responseKey
        self.sleep = sleep
        http = try CurlHTTPClient(configuration: HTTPClientConfiguration(
            security: configuration.security, proxy: configuration.proxy, timeouts: configuration.timeouts,
            maxResponseBytes: BlobStoreLimits.defaultMaxBlobSize * 2, userAgent: "casa-vault-client"
        ))
    }

    // MARK: - BlobStore

    public func put(_ name: BlobName, version: UInt64, data: [UInt8], contentHash: ContentHash) async throws -> BlobInfo {
        let response = try await perform(
            .put, path: VaultPath.version(configuration.account, name, version), body: data,
            headers: ["Content-Type": "application/octet-stream", VaultHeader.contentHash: contentHash.hex]
        )
        return try decodeJSON(BlobInfoDTO.self, response).model()
    }

    public func get(_ name: BlobName, version: UInt64?) async throws -> Blob {
        let path = version.map { VaultPath.version(configuration.account, name, $0) } ?? VaultPath.blob(configuration.account, name)
        let response = try await perform(.get, path: path)
        guard let versionText = response.headers[VaultHeader.version], let number = UInt64(versionText),
              let hashText = response.headers[VaultHeader.contentHash], let storedText = response.headers[VaultHeader.storedAt],
              let stored = Int64(storedText)
        else {
            throw BlobStoreError(.unavailable, "the vault's answer lacks Casa-Version/Casa-Content-Hash/Casa-Stored-At: is this a casa vault?")
        }
        let info = BlobInfo(name: name, version: number, size: response.body.count,
                            contentHash: try ContentHash(hex: hashText), storedAt: Date(unixMilliseconds: stored))
        return Blob(info: info, data: response.body)
    }

    public func list() async throws -> [BlobSummary] {
        try decodeJSON(BlobListResponse.self, await perform(.get, path: VaultPath.blobs(configuration.account))).blobs.map { try $0.model() }
    }

    public func versions(of name: BlobName, after: UInt64?, limit: Int) async throws -> [BlobInfo] {
        let query = VaultPath.versionsQuery(after: after, limit: limit)
        let response = try await perform(.get, path: VaultPath.versions(configuration.account, name), query: query)
        return try decodeJSON(VersionListResponse.self, response).versions.map { try $0.model() }
    }

    // MARK: - Other signed calls

    /// Posts a heartbeat (signed by this client's key: the liveness key arms the sealed-secret release).
    /// `stopping`: the node is shutting down cleanly (`?state=stopping`, docs/vault-api.md).
    public func heartbeat(stopping: Bool = false) async throws -> HeartbeatResponse {
        try decodeJSON(HeartbeatResponse.self, await perform(
            .post, path: VaultPath.heartbeats(configuration.account), query: stopping ? "state=stopping" : ""))
    }

    /// Any signed request (account and device administration, sealed secrets). Returns 2xx
    /// responses; everything else throws `BlobStoreError` with the vault's code and message.
    public func perform(_ method: HTTPMethod, path: String, query: String = "", body: [UInt8] = [],
                        headers extra: HTTPHeaders = [:]) async throws -> HTTPResponse {
        let policy = configuration.retry
        var attempt = 1
        var correctedClock = false
        var useChallenge = false
        while true {
            let failure: BlobStoreError
            var retryAfter: Duration? = nil
            switch try await attemptOnce(method, path: path, query: query, body: body, headers: extra,
                                         mayCorrectClock: !correctedClock, useChallenge: useChallenge) {
            case .success(let response):
                return response
            case .clockCorrected:
                correctedClock = true
                continue
            case .timestampRefused:
                useChallenge = true
                continue
            case .retryable(let error, let wait):
                failure = error
                retryAfter = wait
            }
            guard attempt < policy.maxAttempts else { throw failure }
            if let retryAfter, retryAfter > policy.maxRetryAfter { throw failure }
            let backoff = policy.delay(afterAttempt: attempt, random: Double(Random.uniform(1 << 24)) / Double(1 << 24))
            try await sleep(max(backoff, retryAfter ?? .zero))
            attempt += 1
        }
    }

    private enum Attempt {
        case success(HTTPResponse)
        case clockCorrected
        case timestampRefused
        case retryable(BlobStoreError, retryAfter: Duration?)
    }

    /// One signed attempt; throws the final error for answers that retrying cannot fix.
    private func attemptOnce(_ method: HTTPMethod, path: String, query: String, body: [UInt8], headers: HTTPHeaders,
                             mayCorrectClock: Bool, useChallenge: Bool) async throws -> Attempt {
        let response: HTTPResponse
        let request = try await signed(method, path: path, query: query, body: body, headers: headers, useChallenge: useChallenge)
        do {
            response = try await http.send(request.request)
        } catch let error as HTTPClientError {
            guard error.isTransient else { throw BlobStoreError(.unavailable, "vault: \(error.vaultDescription)") }
            return .retryable(BlobStoreError(.unavailable, "vault unreachable: \(error.vaultDescription)"), retryAfter: nil)
        }
        noteServerTime(response.headers)
        if response.head.isSuccess {
            try await checkSigned(response, requestSignature: request.signature)
            return .success(response)
        }
        let failure = Self.error(from: response)
        // A clock without RTC may be far off: take the offset from the server's time and re-sign once.
        if configuration.freshness == .timestamp, !useChallenge, response.status == 401,
           (try? JSONDecoder().decode(ErrorResponse.self, from: Data(response.body)))?.error.code == VaultErrorCode.staleTimestamp.rawValue {
            // Still refused with a corrected clock: the vault has just restarted and takes no
            // timestamps for a while (docs/vault-api.md "Replays"); a challenge works at once.
            return mayCorrectClock ? .clockCorrected : .timestampRefused
        }
        // 5xx only; 507 quota_exceeded is a 5xx that waiting does not fix.
        guard response.status >= 500, failure.code != .quotaExceeded else { throw failure }
        return .retryable(failure, retryAfter: Self.retryAfter(response.headers))
    }

    // MARK: - Signing

    private func signed(_ method: HTTPMethod, path: String, query: String, body: [UInt8], headers extra: HTTPHeaders,
                        useChallenge: Bool = false) async throws -> (request: HTTPRequest, signature: [UInt8]) {
        let freshness: Freshness
        switch useChallenge ? .challenge : configuration.freshness {
        case .timestamp:
            freshness = .timestamp(Date().unixSeconds + clockOffset.withLock { $0 })
        case .challenge:
            freshness = .challenge(try await challenge())
        }
        let canonical = SignedRequest(
            method: method.rawValue, path: path, query: query, bodySHA256: SHA256.hash(body),
            key: key.publicKey, freshness: freshness, nonce: Hex.encode(Random.bytes(SignedRequest.nonceHexLength / 2))
        )
        var headers = extra
        let signature = key.sign(canonical.canonicalMessage)
        for header in canonical.headers(signature: signature) {
            headers.add(name: header.name, value: header.value)
        }
        let target = configuration.baseURL + path + (query.isEmpty ? "" : "?" + query)
        return (HTTPRequest(method: method, url: target, headers: headers, body: body.isEmpty ? .empty : .bytes(body)), signature)
    }

    /// A 2xx answer counts only when the vault's response key signed it for this very request
    /// (docs/vault-api.md "Signed responses"): otherwise a man in the middle could fake receipts.
    private func checkSigned(_ response: HTTPResponse, requestSignature: [UInt8]) async throws {
        guard let responseKey else { return }
        let trusted = try await responseKey.key { try await vaultKey() }
        guard VaultResponseCheck.isSigned(response, requestSignature: requestSignature, by: trusted) else {
            throw BlobStoreError(.unavailable, VaultResponseCheck.unsignedMessage, detailCode: "unsigned_response")
        }
    }

    /// The vault's response public key (`GET /v1/vault-key`, unauthenticated: trusted on first use).
    public func vaultKey() async throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try await http.send(HTTPRequest(method: .get, url: configuration.baseURL + VaultPath.vaultKey))
        } catch let error as HTTPClientError {
            throw BlobStoreError(.unavailable, "vault unreachable: \(error.vaultDescription)")
        }
        guard response.head.isSuccess else {
            throw BlobStoreError(.unavailable, "the vault has no response key (GET \(VaultPath.vaultKey) answered \(response.status)): upgrade the vault, it must sign its answers")
        }
        guard let key = Hex.decode(try decodeJSON(VaultKeyResponse.self, response).responseKey), key.count == Ed25519.publicKeyByteCount else {
            throw BlobStoreError(.unavailable, "the vault's response key is not 64 hex digits")
        }
        return key
    }

    /// A fresh single-use challenge (`POST /v1/challenges`, unauthenticated).
    public func challenge() async throws -> String {
        try await challengeResponse().challenge
    }

    /// The whole challenge answer (with the proof-of-work bits a `pow` vault asks to open accounts).
    public func challengeResponse() async throws -> ChallengeResponse {
        let response: HTTPResponse
        do {
            response = try await http.send(HTTPRequest(method: .post, url: configuration.baseURL + VaultPath.challenges))
        } catch let error as HTTPClientError {
            throw BlobStoreError(.unavailable, "vault unreachable: \(error.vaultDescription)")
        }
        guard response.head.isSuccess else { throw Self.error(from: response) }
        noteServerTime(response.headers)
        return try decodeJSON(ChallengeResponse.self, response)
    }

    private func noteServerTime(_ headers: HTTPHeaders) {
        guard let text = headers[VaultHeader.serverTime], let serverMilliseconds = Int64(text) else { return }
        let offset = serverMilliseconds / 1000 - Date().unixSeconds
        // Only a real disagreement moves the clock: sub-minute jitter stays within the server's window.
        clockOffset.withLock { $0 = abs(offset) >= 60 ? offset : 0 }
    }

    // MARK: - Answers

    /// The vault's JSON error mapped to the storage error of the same code.
    static func error(from response: HTTPResponse) -> BlobStoreError {
        let retryAfter = retryAfter(response.headers).map { Int($0.components.seconds) }
        if let body = try? JSONDecoder().decode(ErrorResponse.self, from: Data(response.body)) {
            let code = VaultErrorCode(rawValue: body.error.code)?.blobStoreCode ?? fallbackCode(status: response.status)
            return BlobStoreError(code, "vault: \(body.error.message)", currentVersion: body.error.currentVersion,
                                  retryAfterSeconds: body.error.retryAfter ?? retryAfter, detailCode: body.error.code)
        }
        return BlobStoreError(fallbackCode(status: response.status), "vault answered HTTP \(response.status) without a JSON error",
                              retryAfterSeconds: retryAfter)
    }

    private static func fallbackCode(status: Int) -> BlobStoreError.Code {
        switch status {
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 409: return .versionConflict
        case 413: return .tooLarge
        case 429: return .rateLimited
        case 507: return .quotaExceeded
        case 500...: return .unavailable
        default: return .badRequest
        }
    }

    /// Retry-After as delta-seconds (the vault's form); HTTP dates are ignored (backoff applies).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let text = headers["Retry-After"], let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
