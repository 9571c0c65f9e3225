public import CurlHTTP

/// Why an lnd call failed, with lnd's own wording where lnd gave one and a hint what to do.
public enum LNDError: Error, Sendable, CustomStringConvertible {
    /// "wallet locked, unlock it to enable full RPC access"
    case walletLocked
    /// "wallet not created, create one to enable full RPC access"
    case walletNotCreated
    /// "wallet already unlocked, WalletUnlocker service is no longer available"
    case walletAlreadyUnlocked
    /// "the RPC server is in the process of starting up, but not yet ready to accept calls"
    case rpcStartingUp
    /// "server is still in the process of starting" (restore and close need SERVER_ACTIVE)
    case serverStarting
    /// The macaroon is missing, invalid or lacks the permission for this call.
    case permissionDenied(message: String)
    /// Any other error status from lnd: grpc code, message and the HTTP status.
    case rpc(code: Int, message: String, httpStatus: Int)
    /// The connection to lnd failed (not running, wrong port, certificate changed, ...).
    case transport(HTTPClientError)
    /// lnd answered with something that is not the expected JSON.
    case invalidResponse(String)
    /// A stream line was not valid JSON or not `{"result":..}` / `{"error":..}`; the stream ends.
    case malformedStream(String)
    /// An argument was rejected before calling lnd.
    case invalidArgument(String)
    /// lnd could not be located or its files could not be read.
    case configuration(String)

    /// Maps lnd's status to the typed cases by its (stable) messages.
    init(code: Int, message: String, httpStatus: Int) {
        switch message {
        case let m where m.contains("wallet locked, unlock it"): self = .walletLocked
        case let m where m.contains("wallet not created, create one"): self = .walletNotCreated
        case let m where m.contains("wallet already unlocked"): self = .walletAlreadyUnlocked
        case let m where m.contains("in the process of starting up, but not yet ready"): self = .rpcStartingUp
        case let m where m.contains("server is still in the process of starting"): self = .serverStarting
        case let m where code == 16 || code == 7 || m.contains("verification failed") || m.contains("permission denied")
            || m.contains("expected 1 macaroon"):
            self = .permissionDenied(message: m)
        default: self = .rpc(code: code, message: message, httpStatus: httpStatus)
        }
    }

    /// Errors that go away by waiting for lnd (a restart, an unlock, start-up).
    public var isTransient: Bool {
        switch self {
        case .walletLocked, .walletNotCreated, .rpcStartingUp, .serverStarting: return true
        case .transport(let error): return error.isTransient
        case .rpc(let code, _, _): return code == 14 || code == 4  // UNAVAILABLE, DEADLINE_EXCEEDED
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .walletLocked:
            return "lnd: wallet locked, unlock it to enable full RPC access (unlock lnd, e.g. `lncli unlock`, or configure wallet-unlock-password-file)"
        case .walletNotCreated:
            return "lnd: wallet not created, create one to enable full RPC access (run `lncli create`, or restore from the 24 words)"
        case .walletAlreadyUnlocked:
            return "lnd: wallet already unlocked, WalletUnlocker service is no longer available"
        case .rpcStartingUp:
            return "lnd: the RPC server is in the process of starting up, but not yet ready to accept calls (wait for lnd to finish starting)"
        case .serverStarting:
            return "lnd: server is still in the process of starting (wait for state SERVER_ACTIVE)"
        case .permissionDenied(let message):
            return "lnd refused the macaroon: \(message) (bake a macaroon with the permissions listed in docs/lnd-client.md)"
        case .rpc(let code, let message, let status):
            return "lnd error (grpc code \(code), HTTP \(status)): \(message)"
        case .transport(let error):
            return "cannot reach lnd's REST interface: \(error.description)"
        case .invalidResponse(let detail):
            return "unexpected answer from lnd: \(detail) (is this really lnd's REST port?)"
        case .malformedStream(let detail):
            return "lnd's stream sent a malformed line: \(detail); the stream was closed, reconnect to continue"
        case .invalidArgument(let detail):
            return "invalid argument: \(detail)"
        case .configuration(let detail):
            return "cannot use lnd: \(detail)"
        }
    }
}
