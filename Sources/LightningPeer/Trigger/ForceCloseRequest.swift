public import LightningWire
public import Secp256k1
import LightningTypes

/// One channel to ask its peer to force-close.
public struct ForceCloseRequest: Sendable, Equatable {
    public var channelID: ChannelID
    /// The funding outpoint, when known (for reports and spend checks).
    public var channelPoint: ChannelPoint?
    /// The peer's node id.
    public var peer: PublicKey
    /// Where to reach it, in order of preference (from the backup, or `--peer`).
    public var addresses: [PeerAddress]

    public init(channelPoint: ChannelPoint, peer: PublicKey, addresses: [PeerAddress]) throws {
        self.init(channelID: try ChannelID(channelPoint: channelPoint), channelPoint: channelPoint, peer: peer, addresses: addresses)
    }

    public init(channelID: ChannelID, channelPoint: ChannelPoint? = nil, peer: PublicKey, addresses: [PeerAddress]) {
        self.channelID = channelID
        self.channelPoint = channelPoint
        self.peer = peer
        self.addresses = addresses
    }

    /// The channel as users know it: the channel point if we have it, else the channel id.
    public var label: String { channelPoint?.description ?? channelID.description }
}

/// Tells whether a channel's funding output has been spent (for example through lnd or an
/// explorer); the trigger uses it to confirm a force-close and to stop early.
public protocol FundingSpendChecker: Sendable {
    /// True if spent, false if not yet, nil if unknown.
    func isFundingSpent(_ request: ForceCloseRequest) -> Bool?
}
