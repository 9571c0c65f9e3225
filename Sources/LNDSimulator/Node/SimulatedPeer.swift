/// A simulated remote node: where it listens, whether it is reachable, and how it reacts to
/// a data-loss channel_reestablish (force close, or silence like some CLN versions, lnd #7301).
public struct SimulatedPeer: Codable, Sendable, Equatable {
    public var pubkey: String
    public var alias: String
    /// `host:port` it currently listens on (and announces in the graph).
    public var host: String
    public var online: Bool
    /// Ignores a data-loss reestablish instead of force-closing.
    public var silent: Bool
    /// Implementation and version it claims, e.g. "lnd 0.18.5-beta" or "cln v24.08".
    public var implementation: String
    public var lastUpdate: UInt32
}
