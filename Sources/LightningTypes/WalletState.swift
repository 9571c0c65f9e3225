/// lnd's wallet/server state (`lnrpc.WalletState`, docs/lnd.md §3.3), in start-up order.
/// A state a newer lnd adds is kept by name (`unrecognized`), never mistaken for a known one.
public enum WalletState: Hashable, Sendable, CustomStringConvertible {
    case nonExisting, locked, unlocked, rpcActive, serverActive, waitingToStart
    /// A state this build does not know (a newer lnd), by the name lnd sent.
    case unrecognized(String)

    /// The known states, in start-up order.
    public static let known: [WalletState] = [.nonExisting, .locked, .unlocked, .rpcActive, .serverActive, .waitingToStart]

    /// lnd's JSON name (`"SERVER_ACTIVE"`); unknown names are kept as they are.
    public init(name: String) {
        self = Self.known.first { $0.name == name } ?? .unrecognized(name)
    }

    /// lnd's enum number (protojson accepts numbers too); nil for a number casa does not know.
    public init?(number: Int) {
        guard let state = Self.known.first(where: { $0.number == number }) else { return nil }
        self = state
    }

    /// The enum name protojson prints.
    public var name: String {
        switch self {
        case .nonExisting: "NON_EXISTING"
        case .locked: "LOCKED"
        case .unlocked: "UNLOCKED"
        case .rpcActive: "RPC_ACTIVE"
        case .serverActive: "SERVER_ACTIVE"
        case .waitingToStart: "WAITING_TO_START"
        case .unrecognized(let name): name
        }
    }

    /// The proto enum number (stateservice.proto); nil for an unrecognized state.
    public var number: Int? {
        switch self {
        case .nonExisting: 0
        case .locked: 1
        case .unlocked: 2
        case .rpcActive: 3
        case .serverActive: 4
        case .waitingToStart: 255
        case .unrecognized: nil
        }
    }

    /// Every RPC is served; RestoreChannelBackups and CloseChannel need this one.
    public var isServerActive: Bool { self == .serverActive }

    /// The Lightning service, the signer and the backup RPCs answer (GetInfo,
    /// ExportAllChannelBackups, DeriveSharedKey) from RPC_ACTIVE on.
    public var acceptsRPCs: Bool { self == .rpcActive || self == .serverActive }

    public var description: String { name }
}
