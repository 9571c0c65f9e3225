import BackupCore
import LightningPeer
import LightningWire
import Secp256k1
import LightningTypes

/// Which channels `trigger-force-close` asks to close, and where their peers are: every channel
/// of a backup (or the one named by `--channel-point`), or one `--channel-point` with `--peer`.
/// A node's `--peer` addresses replace its addresses from the backup.
public enum TriggerTargets {
    public static func fromBackup(_ channels: [SingleBackup], only channelPoint: String?,
                                  overrides: [TriggerPeerOverride]) throws -> [ForceCloseRequest] {
        guard !channels.isEmpty else { throw TriggerError.noChannels }
        var chosen = channels
        if let channelPoint {
            let wanted = try parse(channelPoint).description
            chosen = channels.filter { $0.fundingOutpoint.description == wanted }
            guard !chosen.isEmpty else {
                throw TriggerError.channelNotInBackup(wanted, known: channels.map(\.fundingOutpoint.description))
            }
        }
        let peers = Set(chosen.map(\.remoteNodePublicKey.bytes))
        if let stray = overrides.first(where: { !peers.contains($0.node.compressed) }) {
            throw TriggerError.peerNotInBackup(stray.node.description)
        }
        return try chosen.map { single in
            let given = overrides.filter { $0.node.compressed == single.remoteNodePublicKey.bytes }.map(\.address)
            let stored = single.addresses.compactMap(\.hostPort).compactMap { try? PeerAddress(parsing: $0) }
            return try request(for: single, addresses: given.isEmpty ? stored : given)
        }
    }

    /// The trigger's request for one backed-up channel, sent to `addresses`.
    public static func request(for single: SingleBackup, addresses: [PeerAddress]) throws -> ForceCloseRequest {
        guard let peer = single.remoteNodePublicKey.publicKey else {
            throw RecoveryError.invalidBackup("channel \(single.fundingOutpoint): the peer's node id \(single.remoteNodePublicKey) is not a valid key")
        }
        let point = try ChannelPoint(txidInternal: single.fundingOutpoint.txidInternal,
                                                   outputIndex: single.fundingOutpoint.outputIndex)
        return try ForceCloseRequest(channelPoint: point, peer: peer, addresses: addresses)
    }

    /// One channel known only by its channel point; its peer and addresses come from `--peer`.
    public static func single(channelPoint: String, overrides: [TriggerPeerOverride]) throws -> [ForceCloseRequest] {
        let point = try parse(channelPoint)
        let nodes = Set(overrides.map(\.node.description)).sorted()
        guard let first = overrides.first else { throw TriggerError.peerNeeded }
        guard nodes.count == 1 else { throw TriggerError.peersDisagree(nodes) }
        return [try ForceCloseRequest(channelPoint: point, peer: first.node, addresses: overrides.map(\.address))]
    }

    static func parse(_ text: String) throws(TriggerError) -> ChannelPoint {
        do {
            return try ChannelPoint(parsing: text.lowercased())
        } catch {
            throw .invalidChannelPoint(text, reason: "expected <64 hex digit txid>:<output index>, as lncli prints it")
        }
    }
}
