/// What GetInfo says about the chain while lnd waits to start its server (lnd.go:764-812,
/// "Waiting for chain backend to finish sync"): restore shows it so a long wait has a reason.
public struct LNDChainSync: Sendable, Equatable {
    public var blockHeight: UInt32
    public var syncedToChain: Bool

    public init(blockHeight: UInt32, syncedToChain: Bool) {
        self.blockHeight = blockHeight
        self.syncedToChain = syncedToChain
    }
}
