/// lnd's `WalletState` (docs/lnd.md §3.3: `NON_EXISTING=0, LOCKED=1, UNLOCKED=2, RPC_ACTIVE=3,
/// SERVER_ACTIVE=4, WAITING_TO_START=255`), as SubscribeState reports it.
public enum LNDWalletState: Hashable, Sendable, CustomStringConvertible {
    case nonExisting
    case locked
    case unlocked
    case rpcActive
    case serverActive
    case waitingToStart
    case unknown(String)

    /// lnd's JSON name of a state (`"SERVER_ACTIVE"`); unknown names are kept for the log.
    public init(name: String) {
        switch name {
        case "NON_EXISTING": self = .nonExisting
        case "LOCKED": self = .locked
        case "UNLOCKED": self = .unlocked
        case "RPC_ACTIVE": self = .rpcActive
        case "SERVER_ACTIVE": self = .serverActive
        case "WAITING_TO_START": self = .waitingToStart
        default: self = .unknown(name)
        }
    }

    /// The signer and the backup RPCs answer from RPC_ACTIVE on.
    public var acceptsBackupCalls: Bool { self == .rpcActive || self == .serverActive }

    public var description: String {
        switch self {
        case .nonExisting: "NON_EXISTING"
        case .locked: "LOCKED"
        case .unlocked: "UNLOCKED"
        case .rpcActive: "RPC_ACTIVE"
        case .serverActive: "SERVER_ACTIVE"
        case .waitingToStart: "WAITING_TO_START"
        case .unknown(let name): name
        }
    }
}
