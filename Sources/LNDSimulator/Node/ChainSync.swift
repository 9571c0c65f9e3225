/// The wallet catching up with the chain while lnd sits in RPC_ACTIVE: lnd starts its server only
/// once `Wallet.IsSynced()` (lnd.go:764-812, "Waiting for chain backend to finish sync"), and a
/// wallet restored from the words rescans from the seed's birthday, which takes hours on mainnet
/// (D8). The simulated clock advances it `syncBlocksPerSecond` blocks a second; `lnd-sim sync N`
/// advances it by hand.
struct ChainSync: Sendable {
    /// The height the wallet has scanned to.
    var synced: UInt32
    /// Fractions of a block the clock has advanced but not yet applied.
    var carry: Double = 0

    init(synced: UInt32) {
        self.synced = synced
    }

    /// Advances by `blocks` (whole blocks only, the rest carried), never past `height`.
    mutating func advance(by blocks: Double, height: UInt32) {
        carry += blocks
        let whole = UInt32(min(carry.rounded(.down), Double(UInt32.max)))
        carry -= Double(whole)
        synced = UInt32(min(UInt64(synced) + UInt64(whole), UInt64(height)))
    }
}
