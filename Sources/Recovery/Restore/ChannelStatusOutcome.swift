/// Where a restored channel stands, from what lnd lists and nothing else: the one rule that
/// restore and status share (docs/recover-cli.md, "What restore proves").
///
/// Real lnd acts on a funding spend only once it is 3 to 6 blocks deep (lnd
/// lnwallet/confscale_prod.go, contractcourt/chain_watcher.go:823-852). Until then a restored
/// shell sits in waiting_close_channels with `closing_txid` "" whether the peer closed or not,
/// so a connected peer proves nothing; pending_force_closing_channels or ClosedChannels with a
/// txid do.
public enum ChannelStatusOutcome {
    public static func status(of channel: LNDChannel?, peerConnected: Bool, askedDirectly: Bool) -> ChannelRestoreResult.Status {
        if let channel {
            switch channel.state {
            case .closed where channel.closingTxid != nil: return .closed
            case .pendingForceClose where channel.closingTxid != nil: return .confirmed
            case .waitingClose, .closing, .pendingForceClose:
                if channel.closingTxid != nil { return .closeSeen }
            case .open, .pendingOpen, .closed:
                break
            }
        }
        if askedDirectly { return .askedDirectly }
        return peerConnected ? .peerConnected : .waitingForPeer
    }

    /// Why, in words, for a status `status(of:)` gave.
    public static func reason(_ status: ChannelRestoreResult.Status, channel: LNDChannel?) -> String {
        let txid = channel?.closingTxid ?? "?"
        switch status {
        case .closed: return "lnd resolved the close: closing transaction \(txid), funds swept"
        case .confirmed:
            let maturity = channel?.maturityHeight.map { ", funds mature at height \($0)" } ?? ""
            return "lnd acted on the close on chain: closing transaction \(txid)\(maturity)"
        case .closeSeen: return "lnd knows closing transaction \(txid), not yet deep enough for lnd to act on it"
        case .peerConnected:
            return "the peer is connected, so lnd asked it to force-close; lnd shows no close yet (it needs 3 or more confirmations)"
        case .askedDirectly: return "the peer was asked directly to force-close; lnd shows no close yet"
        case .waitingForPeer: return "the peer is not connected; lnd keeps reconnecting"
        case .alreadyPresent: return "lnd already had this channel"
        case .stuck: return "not restored"
        }
    }
}
