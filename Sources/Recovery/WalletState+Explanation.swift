import LightningTypes

extension WalletState {
    /// What an operator should read while we wait for SERVER_ACTIVE.
    public var explanation: String {
        switch self {
        case .nonExisting: "lnd has no wallet yet"
        case .locked: "lnd's wallet is locked"
        case .unlocked: "lnd is opening its wallet and databases"
        case .rpcActive: "lnd is starting its server: connecting to the chain backend and catching up with blocks (this can take minutes)"
        case .serverActive: "lnd is ready"
        case .waitingToStart: "lnd is waiting to start (another instance holds the leader lock)"
        case .unrecognized(let name): "lnd reports a state this version of casa does not know (\(name)); update casa"
        }
    }
}
