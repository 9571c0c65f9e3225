/// The result of asking one peer to force-close one channel.
public struct ChannelTriggerReport: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// The funding output is spent (confirmed by the spend checker).
        case forceCloseConfirmed
        /// The peer answered with an error for the channel: by BOLT 1 the sender of an error
        /// fails the channel, i.e. broadcasts its commitment.
        case errorReceived
        /// The peer only sent a warning.
        case warningReceived
        /// The peer hung up after our messages (lnd does this when it force-closes).
        case disconnected
        /// The peer took our messages and said nothing.
        case silent
        /// No address could be reached.
        case unreachable
        /// We reached the peer but the handshake or init failed.
        case failed
    }

    public var channel: String
    public var channelID: String
    public var peer: String
    public var outcome: Outcome
    /// The peer's error or warning text, if any (Recovery turns outcome and text into advice).
    public var peerMessage: String?
    public var steps: [TriggerStepReport]
}
