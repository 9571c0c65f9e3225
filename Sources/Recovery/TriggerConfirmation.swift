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
}
