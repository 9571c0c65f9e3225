import CommandLineSupport

/// Mistakes specific to `casa-recover trigger-force-close`. Each message says what to do;
/// `exitStatus` maps it to the documented exit code (docs/recover-cli.md).
public enum TriggerError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPeer(String, reason: String)
    case invalidChannelPoint(String, reason: String)
    case peerNeeded
    case peersDisagree([String])
    case peerNotInBackup(String)
    case channelNotInBackup(String, known: [String])
    case noChannels
    case invalidSocks(String, reason: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidPeer, .invalidChannelPoint, .peerNeeded, .peersDisagree, .peerNotInBackup, .invalidSocks: return .usage
        case .channelNotInBackup, .noChannels: return .notFound
        }
    }

    public var description: String {
        switch self {
        case .invalidPeer(let text, let reason):
            return "--peer \(text): \(reason). Write it as <66 hex digit node id>@host:port (port 9735 if left out)."
        case .invalidChannelPoint(let text, let reason):
            return "--channel-point \(text): \(reason)."
        case .peerNeeded:
            return "--channel-point without --backup needs --peer <node id>@host:port: the channel's peer and where to reach it."
        case .peersDisagree(let nodes):
            return "--channel-point names one channel, so every --peer must be the same node, but they name \(nodes.joined(separator: ", "))."
        case .peerNotInBackup(let node):
            return "--peer names node \(node), which is not a peer of any channel in the backup (or of --channel-point). Check the node id."
        case .channelNotInBackup(let point, let known):
            return "the backup has no channel \(point). Its channels: \(known.isEmpty ? "none" : known.joined(separator: ", "))."
        case .noChannels:
            return "the backup holds no channels: there is nothing to close."
        case .invalidSocks(let text, let reason):
            return "--socks \(text): \(reason)"
        }
    }
}
