/// lnd's wallet state (`GetState`, docs/lnd.md §3.3), with what lnd is doing meanwhile.
public enum LNDWalletState: String, Sendable, Codable, CaseIterable {
    case nonExisting = "NON_EXISTING"
    case locked = "LOCKED"
    case unlocked = "UNLOCKED"
    case rpcActive = "RPC_ACTIVE"
    case serverActive = "SERVER_ACTIVE"
    case waitingToStart = "WAITING_TO_START"

    /// What an operator should read while we wait for SERVER_ACTIVE.
    public var explanation: String {
        switch self {
        case .nonExisting: return "lnd has no wallet yet"
        case .locked: return "lnd's wallet is locked"
        case .unlocked: return "lnd is opening its wallet and databases"
        case .rpcActive: return "lnd is starting its server: connecting to the chain backend and catching up with blocks (this can take minutes)"
        case .serverActive: return "lnd is ready"
        case .waitingToStart: return "lnd is waiting to start (another instance holds the leader lock)"
        }
    }
}
