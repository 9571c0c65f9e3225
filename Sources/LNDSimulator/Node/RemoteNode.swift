/// A simulated remote node: where it listens, whether it is reachable, and how it reacts to
/// a data-loss channel_reestablish (force close, or silence like some CLN versions, lnd #7301).
/// While online at a loopback address it is a real BOLT 8 listener (`PeerListenerSet`), so
/// `casa-recover trigger-force-close` can talk to it.
public struct RemoteNode: Codable, Sendable, Equatable {
    public var pubkey: String
    public var alias: String
    /// `host:port` it currently listens on (and announces in the graph).
    public var host: String
    public var online: Bool
    /// Ignores a data-loss reestablish instead of force-closing (it still closes on `error`).
    public var silent: Bool
    /// Implementation and version it claims, e.g. "lnd 0.18.5-beta" or "cln v24.08"; a CLN
    /// peer's listener warns on a data-loss reestablish and closes on `error`, like CLN.
    public var implementation: String
    public var lastUpdate: UInt32
    /// The peer's node private key (hex), for its BOLT 8 listener. A simulated key that guards
    /// nothing; nil in worlds written before the listeners existed (a new key is made then).
    public var nodeKey: String?

    /// A Core Lightning peer, by the implementation it claims.
    var isCLN: Bool {
        let name = implementation.lowercased()
        return name.hasPrefix("cln") || name.contains("core-lightning") || name.contains("c-lightning")
    }
}
