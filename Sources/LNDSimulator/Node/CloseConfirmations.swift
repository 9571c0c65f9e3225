/// How deep a funding spend must be before lnd acts on it. Production lnd waits for
/// `CloseConfsForCapacity` confirmations: 3 to 6, scaled by capacity (lnwallet/confscale_prod.go,
/// ScaleNumConfs in lnwallet/confscale.go); only lnd's integration build uses 1.
enum CloseConfirmations {
    /// MaxBtcFundingAmount: channels at or above it wait the most.
    static let maxChannelSize: Int64 = 16_777_215

    static func required(capacity: Int64) -> UInt32 {
        if capacity > maxChannelSize { return 6 }
        let scaled = UInt32(6 * max(capacity, 0) / maxChannelSize)
        return min(max(scaled, 3), 6)
    }
}
