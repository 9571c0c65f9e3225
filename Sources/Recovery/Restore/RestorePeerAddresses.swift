import LightningPeer
import Secp256k1
import Sodium
import Codecs

/// Where restore looks for a peer, in this order: the addresses the user gave (`--peer`), the
/// graph's (peers move; empty on a fresh lnd until it synced: D5), then the backup's. lnd itself
/// queues only the backup's first usable address on restore (D4), so restore calls ConnectPeer
/// with every one of them and says which one reached the peer.
public struct RestorePeerAddresses: Sendable {
    public enum Source: String, Sendable {
        case userGiven = "--peer"
        case graph = "the graph"
        case backup = "the backup"
    }

    public struct Candidate: Sendable, Equatable {
        public let address: String
        /// Every source that names it, in the order above.
        public var sources: [Source]

        public var label: String { "\(address) (from \(sources.map(\.rawValue).joined(separator: " and ")))" }
    }

    /// "host:port" per node key (hex), from `--peer PUBKEY@HOST:PORT`.
    public let given: [String: [String]]

    public init(given: [String: [String]] = [:]) {
        self.given = given
    }

    /// Every address to try for `pubkey`, each once, in the order of its first source.
    public func candidates(_ pubkey: String, graph: [String], backup: [String]) -> [Candidate] {
        var out: [Candidate] = []
        let named = (given[pubkey] ?? []).map { ($0, Source.userGiven) } + graph.map { ($0, Source.graph) } + backup.map { ($0, Source.backup) }
        for (address, source) in named {
            if let index = out.firstIndex(where: { $0.address == address }) {
                if !out[index].sources.contains(source) { out[index].sources.append(source) }
            } else {
                out.append(Candidate(address: address, sources: [source]))
            }
        }
        return out
    }

    /// Where a connection at `address` came from, for the summary: every source that names it.
    public static func label(_ address: String, among candidates: [Candidate]) -> String {
        guard !address.isEmpty else { return "connected (address not reported)" }
        return candidates.first { $0.address == address }?.label ?? "\(address) (lnd's own connection)"
    }
}

extension RestorePeerAddresses {
    /// From restore's `--peer PUBKEY@HOST:PORT` flags, in the order given.
    public init(peerFlags: [String]) throws(TriggerError) {
        var given: [String: [String]] = [:]
        for text in peerFlags {
            let override = try TriggerPeerOverride(parsing: text)
            given[Hex.encode(override.node.compressed), default: []].append(override.address.description)
        }
        self.init(given: given)
    }
}
