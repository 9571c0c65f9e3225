/// lnd's wallet/server state (lnrpc.WalletState, docs/lnd.md §3.3).
public enum WalletState: Equatable, Sendable, CustomStringConvertible {
    case nonExisting, locked, unlocked, rpcActive, serverActive, waitingToStart
    /// A state this client does not know (a newer lnd).
    case unrecognized(String)

    /// Every RPC is served; RestoreChannelBackups and CloseChannel need this one.
    public var isServerActive: Bool { self == .serverActive }

    /// The Lightning service answers (GetInfo, ExportAllChannelBackups, DeriveSharedKey).
    public var acceptsRPCs: Bool { self == .rpcActive || self == .serverActive }

    public var description: String { rawValue }
}

extension WalletState: RawRepresentable, Decodable {
    static let namesByNumber: [Int: String] = [
        0: "NON_EXISTING", 1: "LOCKED", 2: "UNLOCKED", 3: "RPC_ACTIVE", 4: "SERVER_ACTIVE", 255: "WAITING_TO_START",
    ]

    /// By name, or by number (protojson input accepts both).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name: String
        if let number = try? container.decode(Int.self) {
            name = Self.namesByNumber[number] ?? String(number)
        } else {
            name = try container.decode(String.self)
        }
        self = WalletState(rawValue: name) ?? .unrecognized(name)
    }

    public init?(rawValue: String) {
        switch rawValue {
        case "NON_EXISTING": self = .nonExisting
        case "LOCKED": self = .locked
        case "UNLOCKED": self = .unlocked
        case "RPC_ACTIVE": self = .rpcActive
        case "SERVER_ACTIVE": self = .serverActive
        case "WAITING_TO_START": self = .waitingToStart
        default: return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .nonExisting: return "NON_EXISTING"
        case .locked: return "LOCKED"
        case .unlocked: return "UNLOCKED"
        case .rpcActive: return "RPC_ACTIVE"
        case .serverActive: return "SERVER_ACTIVE"
        case .waitingToStart: return "WAITING_TO_START"
        case .unrecognized(let name): return name
        }
    }
}

/// GetStateResponse / SubscribeStateResponse.
struct WalletStateMessage: Decodable, Sendable {
    let state: WalletState

    enum CodingKeys: String, CodingKey { case state }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decodeIfPresent(WalletState.self, forKey: .state) ?? .nonExisting
    }
}
