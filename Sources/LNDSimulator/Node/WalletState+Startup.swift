import LightningTypes

extension WalletState {
    /// Where a state comes in lnd's start-up (the proto numbers are in that order);
    /// the simulator only ever holds known states.
    var startupOrder: Int { number ?? Int.max }
}
