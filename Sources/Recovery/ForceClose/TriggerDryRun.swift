import LightningPeer
import LightningWire
import Secp256k1
import SeedKit
import LightningTypes

/// What `trigger-force-close` would send to whom, without connecting to anyone (`--dry-run`,
/// and the plan shown before the confirmation question).
public struct TriggerDryRun: Codable, Sendable {
    public struct Item: Codable, Sendable, Equatable {
        public var channel: String
        public var channelId: String
        public var peer: String
        /// In the order they would be tried; unusable ones (.onion without a proxy) are marked.
        public var addresses: [String]
        public var messages: [String]
    }

    public var dryRun = true
    /// Our node id: the peers only act on these messages from the channel's counterparty.
    public var node: String
    public var network: String
    public var route: String
    public var channels: [Item]

    public init(requests: [ForceCloseRequest], node: PublicKey, network: BitcoinNetwork, options: ForceCloseTrigger.Options) {
        self.node = node.description
        self.network = network.rawValue
        route = options.route.description
        channels = requests.map { request in
            let reestablish = ChannelReestablish.dataLossTrigger(channelID: request.channelID,
                                                                 withDataLossFields: options.reestablishForm == .withDataLossFields)
            let error = WireMessage.error(ErrorMessage(channelID: request.channelID, data: options.errorData))
            let form = options.reestablishForm == .withDataLossFields ? "full form with zero secret and point G" : "short form, as chantools"
            return Item(
                channel: request.label, channelId: request.channelID.description, peer: request.peer.description,
                addresses: request.addresses.map { options.route.canReach($0) ? $0.description : "\($0) (needs --tor or --socks)" },
                messages: [
                    "connection 1: init, \(WireMessage.channelReestablish(reestablish).summary) (\(form))",
                    "connection 2: init, \(error.summary)",
                ]
            )
        }
    }

    public func json() throws -> String {
        try TriggerReport.render(self)
    }

    public var text: String {
        let noun = channels.count == 1 ? "channel" : "channels"
        var lines = ["As node \(node) (\(network)), route \(route), for \(channels.count) \(noun):"]
        for c in channels {
            lines.append("")
            lines.append("  \(c.channel)  peer \(c.peer)")
            lines.append("    addresses: \(c.addresses.isEmpty ? "none: give one with --peer <node id>@host:port" : c.addresses.joined(separator: ", "))")
            lines += c.messages.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
