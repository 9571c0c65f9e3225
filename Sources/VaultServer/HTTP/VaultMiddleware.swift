import BlobStorage
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import VaultAPI

/// The outermost middleware: per-address rate limits, every error turned into a JSON 4xx/5xx,
/// `Casa-Server-Time` on every response, and request metrics.
///
/// Two budgets per client address (review M5), so that nobody without a key can spend what the
/// devices need: anonymous requests (challenges, account creation, anything unsigned) take from
/// `anonymousLimiter`; a signed request is charged to its account once its signature verifies
/// (`RequestGate.admit`), and to `failedAuthLimiter` only when it is refused as unauthenticated
/// or unauthorized (401, 403, 404: a made-up key or account costs a lookup too). A signed request
/// is refused up front only while its address's failed-authentication budget is empty. The
/// address is the proxy's client when the peer is a trusted proxy.
struct VaultMiddleware: RouterMiddleware {
    typealias Context = VaultRequestContext

    let metrics: VaultMetrics
    let anonymousLimiter: RateLimiter
    let failedAuthLimiter: RateLimiter
    let clientAddresses: ClientAddressResolver
    let clock: VaultClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        let limited = request.uri.path != VaultPath.health
        let anonymous = Self.isAnonymous(request)
        let address = clientAddresses.key(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor])
        do {
            // The router folds empty segments, so `/v1/accounts//{id}` would reach the route under
            // a second spelling (signed as such); one route, one path.
            if request.uri.path.contains("//") {
                throw VaultError(.notFound, .routeNotFound, "no such route: the path has an empty segment (//)")
            }
            if limited {
                let wait = anonymous ? anonymousLimiter.take(address, now: clock.seconds()) : failedAuthLimiter.wait(address, now: clock.seconds())
                if let wait {
                    throw VaultError(.tooManyRequests, .rateLimited, "too many requests from this address: wait \(wait) s", retryAfter: wait)
                }
            }
            response = try await next(request, context)
        } catch {
            let vaultError = Self.vaultError(for: error, logger: context.logger)
            response = (try? vaultError.response(from: request, context: context)) ?? Response(status: .internalServerError)
        }
        if limited, !anonymous, [401, 403, 404].contains(response.status.code) {
            _ = failedAuthLimiter.take(address, now: clock.seconds())
        }
        response.headers[.casaServerTime] = String(clock.milliseconds())
        metrics.record(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
            status: response.status.code, duration: ContinuousClock.now - started)
        return response
    }

    /// Requests anyone can make without a registered key: unsigned ones (challenges, metrics,
    /// unknown routes) and account creation (`PUT /v1/accounts/{account}`, signed by a key the
    /// client just made up).
    static func isAnonymous(_ request: Request) -> Bool {
        guard request.headers[.casaKey] != nil else { return true }
        return request.method == .put && request.uri.path.split(separator: "/", omittingEmptySubsequences: false).count == 4
    }

    /// Maps anything thrown by a handler to the vault's JSON error; only real faults become 5xx.
    static func vaultError(for error: any Error, logger: Logger) -> VaultError {
        switch error {
        case let error as VaultError:
            return error
        case let error as BlobStoreError:
            return VaultError(error)
        case let error as HTTPError:
            return switch error.status {
            case .notFound: VaultError(.notFound, .routeNotFound, "no such route: see docs/vault-api.md for the routes")
            case .methodNotAllowed: VaultError(.methodNotAllowed, .methodNotAllowed, "this route does not accept this method")
            case .contentTooLarge: VaultError(.contentTooLarge, .payloadTooLarge, "the request body is too large")
            case let status where (400..<500).contains(status.code):
                VaultError(status, .badRequest, error.body ?? "the request is malformed")
            default: VaultError(.serviceUnavailable, .unavailable, "the vault could not handle the request; try again later", retryAfter: 5)
            }
        case is DecodingError:
            return VaultError(.badRequest, .invalidJSON, "the JSON body does not match the schema in vault/openapi.yaml")
        default:
            logger.error("unexpected error: \(String(describing: error))")
            return VaultError(.serviceUnavailable, .unavailable, "the vault's storage failed; try again later", retryAfter: 5)
        }
    }
}
