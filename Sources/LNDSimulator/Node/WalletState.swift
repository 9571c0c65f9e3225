/// lnd's `lnrpc.WalletState` (stateservice.proto), in start-up order.
public enum WalletState: Int, Sendable, Comparable, CaseIterable, Codable {
    case nonExisting = 0
    case locked = 1
    case unlocked = 2
    case rpcActive = 3
    case serverActive = 4
    case waitingToStart = 255

    /// The enum name protojson prints.
    public var protoName: String {
        switch self {
        case .nonExisting: return "NON_EXISTING"
        case .locked: return "LOCKED"
        case .unlocked: return "UNLOCKED"
        case .rpcActive: return "RPC_ACTIVE"
        case .serverActive: return "SERVER_ACTIVE"
        case .waitingToStart: return "WAITING_TO_START"
        }
    }

    public init?(protoName: String) {
        guard let match = WalletState.allCases.first(where: { $0.protoName == protoName.uppercased() }) else { return nil }
        self = match
    }

    public static func < (lhs: WalletState, rhs: WalletState) -> Bool { lhs.rawValue < rhs.rawValue }
}
