import BlobStorage
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Sodium
import VaultAPI

/// Everything a signed route does before its own work: read the body within its limit and
/// deadline, verify the signature, load the account, decide the signer's role, rate-limit.
struct RequestGate: Sendable {
    /// A request that passed the gate.
    struct Opened: Sendable {
        let body: [UInt8]
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

    /// Reads and verifies a signed request without looking at any account.
    func open(_ request: Request, maxBody: Int, contentType: String?, oversize: VaultErrorCode = .payloadTooLarge) async throws -> Opened {
        if let contentType, let sent = request.headers[.contentType],
           !sent.lowercased().hasPrefix(contentType) {
            throw VaultError(.unsupportedMediaType, .unsupportedMediaType, "send the body as \(contentType)")
        }
        let body = try await collect(request, maxBody: maxBody, oversize: oversize)
        let now = clock.milliseconds()
        let headers = RequestAuthenticator.Headers(
            key: request.headers[HTTPField.Name(VaultHeader.key)!],
            freshness: request.headers[HTTPField.Name(VaultHeader.freshness)!],
            nonce: request.headers[HTTPField.Name(VaultHeader.nonce)!],
            signature: request.headers[HTTPField.Name(VaultHeader.signature)!])
        let verified = try await authenticator.verify(
            method: request.method.rawValue, target: request.head.path ?? "/", headers: headers,
            bodySHA256: SHA256.hash(body), now: now)
        return Opened(body: body, key: verified.key, freshness: verified.freshness, now: now)
    }

    /// Opens the request, then requires an existing, enabled account and one of `roles`.
    func authorize(
        _ request: Request, context: VaultRequestContext, roles: Set<Role>, maxBody: Int = 0, contentType: String? = nil,
        oversize: VaultErrorCode = .payloadTooLarge
    ) async throws -> Authorized {
        let id = try Self.accountID(context)
        let opened = try await open(request, maxBody: maxBody, contentType: contentType, oversize: oversize)
        guard let account = try await repository.account(id) else {
            throw VaultError(.notFound, .accountNotFound, "no account \(id.hex.prefix(16))…: the owner creates it with PUT /v1/accounts/{account}")
        }
        let role: Role
        if opened.key == account.ownerKey {
            role = .owner
        } else if let device = account.device(opened.key) {
            guard !device.isRevoked else {
                throw VaultError(.forbidden, .deviceRevoked, "this device was revoked by the owner; it can no longer use this account")
            }
            role = .device
        } else if opened.key == account.livenessKey {
            role = .liveness
        } else {
            throw VaultError(.forbidden, .forbidden, "this key is not registered in this account")
        }
        guard !account.disabled else {
            throw VaultError(.forbidden, .accountDisabled, "this account was disabled by the vault operator")
        }
        guard roles.contains(role) else {
            throw VaultError(.forbidden, .forbidden, "the \(role.rawValue) key may not do this (allowed: \(roles.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        if let wait = accountLimiter.take(id.hex, now: clock.seconds()) {
            throw VaultError(.tooManyRequests, .rateLimited, "too many requests for this account: wait \(wait) s", retryAfter: wait)
        }
        return Authorized(opened: opened, account: account, role: role)
    }

    static func accountID(_ context: VaultRequestContext) throws -> AccountID {
        guard let text = context.parameters.get("account"), let id = AccountID(hex: text) else {
            throw VaultError(.badRequest, .badRequest, "the account in the path must be 64 hex digits")
        }
        return id
    }

    /// Collects at most `maxBody` bytes, within the slow-client deadline.
    private func collect(_ request: Request, maxBody: Int, oversize: VaultErrorCode) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBody {
            throw Self.tooLarge(maxBody, oversize)
        }
        let body = request.body
        let timeout = bodyTimeout
        let buffer: ByteBuffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do { return try await body.collect(upTo: max(maxBody, 0)) }
                catch let error as HTTPError where error.status == .contentTooLarge { throw Self.tooLarge(maxBody, oversize) }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw VaultError(.requestTimeout, .requestTimeout, "the request body did not arrive in time")
            }
            return buffer
        }
        return Array(buffer.readableBytesView)
    }

    private static func tooLarge(_ max: Int, _ code: VaultErrorCode) -> VaultError {
        VaultError(.contentTooLarge, code, "the request body is larger than \(max) bytes")
    }
}
