/// What happened on one connection of the trigger sequence.
public struct TriggerStepReport: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// channel_reestablish with zeroed numbers (lnd reacts to this).
        case reestablish
        /// error for the channel (CLN, eclair and LDK react to this).
        case error
    }

    /// How the connection ended.
    public enum Ending: String, Codable, Sendable {
        /// No address could be reached, or the handshake or init failed.
        case notConnected
        /// We listened for the whole wait and hung up ourselves.
        case listenedUntilTimeout
        /// The peer answered with an error or warning for the channel; nothing more to wait for.
        case peerAnswered
        /// The peer closed the connection.
        case peerDisconnected
        /// The peer broke the protocol or the transport failed after our message.
        case failed
    }

    /// A message the peer sent us.
    public struct Received: Codable, Sendable, Equatable {
        public var type: UInt16
        public var summary: String
        /// For error/warning: the printable text.
        public var text: String?
        /// The message names this channel (or all channels, for error/warning).
        public var concernsThisChannel: Bool
    }

    public var kind: Kind
    /// The address we talked to.
    public var address: String?
    /// Addresses that failed, with the reason.
    public var failedAttempts: [String] = []
    /// Whether any address answered at the network level (even if the handshake then failed).
    public var reachedPeer: Bool = false
    /// The peer's init features, when we got that far.
    public var peerFeatures: String?
    public var messageSent: Bool = false
    public var received: [Received] = []
    public var ending: Ending = .notConnected
    /// The error that ended the step, if any.
    public var problem: String?

    public init(kind: Kind) {
        self.kind = kind
    }
}
