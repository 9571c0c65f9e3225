/// The question `trigger-force-close` asks (on the terminal, via `TerminalPrompt`) before it
/// contacts anyone: what it does and when it must not be used.
public enum TriggerConfirmation {
    public static func question(channels: Int) -> String {
        """
        This asks the peer of each of these \(channels) channel\(channels == 1 ? "" : "s") to FORCE-CLOSE it. A force-close cannot be undone.
        Use it only for a node that lost its channel state (restored from the 24 words and a channel backup),
        and never while the old node may still be running: two nodes with one identity confuse peers and an old state is punished.
        """
    }

    /// `restore --escalate`: asked once, before lnd is touched.
    public static let restoreEscalationQuestion = """
        --escalate: peers that lnd cannot reach after the reconnect rounds will be asked directly, as your node, to FORCE-CLOSE
        their channel. A force-close cannot be undone. Use it only for a node that lost its channel state, never while the old
        node may still be running. Legacy channels (before static remote keys) are never asked: lnd needs the peer's commitment
        point to sweep them. Without Tor (--tor or --socks) the peer sees this machine's IP address.
        """
}
