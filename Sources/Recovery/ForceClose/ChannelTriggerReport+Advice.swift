import LightningPeer

/// The user-facing advice for a trigger outcome: what to do next, in words. LightningPeer only
/// classifies what the peer did; the English lives here, with the rest of casa-recover's text.
extension ChannelTriggerReport {
    /// What the user should do next (`trigger-force-close` output and JSON, `restore --escalate`).
    public var advice: String {
        let lower = peerMessage?.lowercased() ?? ""
        if lower.contains("recovery required") {
            return "The peer says it lost its state too, so it cannot force-close; the funds need a cooperative (zombie) recovery with the peer's operator."
        }
        if lower.contains("unknown channel") || lower.contains("unable to find") {
            return "The peer does not know this channel: check the channel point and that this is the right peer; it may already be closed."
        }
        switch outcome {
        case .forceCloseConfirmed:
            return "The funding output is spent: wait for the peer's commitment to confirm; lnd then sweeps your side (after a restore it does this itself)."
        case .errorReceived:
            return "The peer failed the channel, which means it broadcasts its commitment. Watch the chain for the funding output being spent."
        case .warningReceived:
            return "The peer only warned and did not confirm a close. Watch the chain; if nothing happens within a few blocks, run the trigger again later."
        case .disconnected:
            return "The peer hung up after our messages, as lnd does when it force-closes. Watch the chain for the funding output being spent."
        case .silent:
            return "The peer accepted the messages without answering. Watch the chain; if nothing happens, run the trigger again later or contact the peer's operator."
        case .unreachable:
            return "No address answered. Check that the peer is online and its current address (--peer host:port); use --tor or --socks for .onion addresses."
        case .failed:
            return "The connection failed after reaching an address (see the steps). A handshake that the peer hangs up on usually means the node id does not match the address."
        }
    }
}
