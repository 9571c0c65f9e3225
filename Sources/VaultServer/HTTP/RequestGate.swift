import BlobStorage
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Sodium
import VaultAPI
import Codecs

/// Everything a signed route does before its own work: load the account and check the claimed
/// key's role, then read the body within its limit and deadline, verify the signature, rate-limit.
struct RequestGate: Sendable {
    /// A request that passed the gate.
    struct Opened: Sendable {
        let body: [UInt8]
        /// SHA-256 of the body: covered by the signature.
        let bodySHA256: [UInt8]
        let key: [UInt8]
        let freshness: Freshness
        let now: Int64
    }

    /// An opened request on an existing account, with the signer's role.
    struct Authorized: Sendable {
        let opened: Opened
        let account: AccountRecord
        let role: Role
        var body: [UInt8] { opened.body }
        var key: [UInt8] { opened.key }
        var now: Int64 { opened.now }
    }

    let repository: any VaultRepository
    let authenticator: RequestAuthenticator
    let accountLimiter: RateLimiter
    let clock: VaultClock
    let bodyTimeout: Duration

    /// Reads and verifies a signed request without looking at any account. `query` names the
    /// query parameters the route takes; any other, or one given twice, is a 400 `bad_request`
    /// (a typo must not be ignored silently).
    func open(_ request: Request, maxBody: Int, contentType: String?, oversize: VaultErrorCode = .payloadTooLarge,
              query: Set<String> = []) async throws -> Opened {
        try Self.checkQuery(request, allowed: query)
        if let contentType, let sent = request.headers[.contentType], !Self.hasPrefix(sent, caseInsensitive: contentType) {
            throw VaultError(.unsupportedMediaType, .unsupportedMediaType, "send the body as \(contentType)")
        }
        let body = try await collect(request, maxBody: maxBody, oversize: oversize)
        let now = clock.milliseconds()
        let headers = RequestAuthenticator.Headers(
            key: request.headers[.casaKey],
            freshness: request.headers[.casaFreshness],
            nonce: request.headers[.casaNonce],
            signature: request.headers[.casaSignature])
        let bodySHA256 = SHA256.hash(body)
        let verified = try await authenticator.verify(
            method: request.method.rawValue, target: request.head.path ?? "/", headers: headers,
            bodySHA256: bodySHA256, now: now)
        return Opened(body: body, bodySHA256: bodySHA256, key: verified.key, freshness: verified.freshness, now: now)
    }

    /// Requires an existing, enabled account on which the claimed key holds one of `roles`, then
    /// opens the request (body, signature) and charges the account's rate limit.
    func authorize(
        _ request: Request, context: VaultRequestContext, roles: Set<Role>, maxBody: Int = 0, contentType: String? = nil,
        oversize: VaultErrorCode = .payloadTooLarge, query: Set<String> = []
    ) async throws -> Authorized {
        let id = try Self.accountID(context)
        try Self.checkQuery(request, allowed: query)
        let account = try await claimedAccount(request, id, roles: roles)
        let opened = try await open(request, maxBody: maxBody, contentType: contentType, oversize: oversize, query: query)
        let role = try account.access.role(of: opened.key, deviceRevoked: account.device(opened.key)?.isRevoked, allowed: roles)
        try admit(id)
        return Authorized(opened: opened, account: account, role: role)
    }

    /// Refuses before the body is read or hashed (review M6): the account must exist and the key
    /// in `Casa-Key` must hold one of `roles` on it, not revoked. The key is only claimed here; the
    /// signature, which covers the body, is verified afterwards with that same key.
    func claimedAccount(_ request: Request, _ id: AccountID, roles: Set<Role>) async throws -> AccountRecord {
        let key = try Self.claimedKey(request, now: clock.milliseconds())
        guard let account = try await repository.account(id) else { throw AccountAccess.notFound(id) }
        _ = try account.access.role(of: key, deviceRevoked: account.device(key)?.isRevoked, allowed: roles)
        return account
    }

    /// The well-formed `Casa-Key` of a request, or the 401 that an unsigned request gets.
    static func claimedKey(_ request: Request, now: Int64) throws -> [UInt8] {
        guard let text = request.headers[.casaKey] else {
            throw VaultError(.unauthorized, .missingSignature,
                             "sign the request: \(VaultHeader.key), \(VaultHeader.freshness), \(VaultHeader.nonce) and \(VaultHeader.signature) are required",
                             serverTime: now)
        }
        guard let key = Hex.decode(text), key.count == Ed25519.publicKeyByteCount else {
            throw VaultError(.unauthorized, .missingSignature, "\(VaultHeader.key) must be 64 hex digits (an Ed25519 public key)")
        }
        return key
    }

    /// Takes one request from the account's rate budget (after its signer was authorized).
    func admit(_ id: AccountID) throws {
        if let wait = accountLimiter.take(id.hex, now: clock.seconds()) {
            throw VaultError(.tooManyRequests, .rateLimited, "too many requests for this account: wait \(wait) s", retryAfter: wait)
        }
    }

    /// A put's authorization, checked by the backend in the put's transaction.
    func putAuthorization(_ opened: Opened, roles: Set<Role>) -> PutAuthorization {
        PutAuthorization(signer: opened.key, roles: roles) { [self] id in try admit(id) }
    }

    /// Whether `text` starts with the lower-case ASCII `prefix`, ignoring case (no copy per request).
    static func hasPrefix(_ text: String, caseInsensitive prefix: String) -> Bool {
        var sent = text.utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = sent.next() else { return false }
            let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            guard lower == expected else { return false }
        }
        return true
    }

    static func accountID(_ context: VaultRequestContext) throws -> AccountID {
        guard let text = context.parameters.get("account"), let id = AccountID(hex: text) else {
            throw VaultError(.badRequest, .badRequest, "the account in the path must be 64 hex digits")
        }
        return id
    }

    /// Collects at most `maxBody` bytes, within the slow-client deadline. The deadline is checked
    /// as each chunk arrives (no timer per request); a client that stops sending altogether is
    /// cut off by the server's idle-read timeout, which closes the connection mid-body. So a body
    /// takes at most `bodyTimeout` plus one idle timeout.
    private func collect(_ request: Request, maxBody: Int, oversize: VaultErrorCode) async throws -> [UInt8] {
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > maxBody {
            throw Self.tooLarge(maxBody, oversize)
        }
        let deadline = ContinuousClock.now + bodyTimeout
        var body: [UInt8] = []
        body.reserveCapacity(min(max(declared ?? 0, 0), maxBody))
        do {
            for try await chunk in request.body {
                guard chunk.readableBytes <= maxBody - body.count else { throw Self.tooLarge(maxBody, oversize) }
                guard ContinuousClock.now < deadline else { throw Self.bodyTimedOut }
                body.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as VaultError {
            throw error
        } catch {
            // The connection closed mid-body (idle timeout or the client went away).
            throw Self.bodyTimedOut
        }
        return body
    }

    private static let bodyTimedOut = VaultError(.requestTimeout, .requestTimeout, "the request body did not arrive in time")

    private static func tooLarge(_ max: Int, _ code: VaultErrorCode) -> VaultError {
        VaultError(.contentTooLarge, code, "the request body is larger than \(max) bytes")
    }

    static func checkQuery(_ request: Request, allowed: Set<String>) throws {
        var seen: Set<String> = []
        for (key, _) in request.uri.queryParameters {
            let name = String(key)
            guard allowed.contains(name) else {
                let takes = allowed.isEmpty ? "this route takes no query parameters" : "this route takes " + allowed.sorted().joined(separator: ", ")
                throw VaultError(.badRequest, .badRequest, "unknown query parameter \(name): \(takes)")
            }
            guard seen.insert(name).inserted else {
                throw VaultError(.badRequest, .badRequest, "query parameter \(name) is given twice: give it once")
            }
        }
    }
}
