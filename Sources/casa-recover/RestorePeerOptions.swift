import ArgumentParser
import LightningPeer
import Recovery
import Secp256k1
import Sodium
import Codecs

/// restore's `--peer PUBKEY@HOST:PORT`: where a peer is now, when neither the backup nor a fresh
/// lnd's graph knows (D4, D5).
struct RestorePeerOptions: ParsableArguments {
    @Option(name: .customLong("peer"), help: ArgumentHelp(
        "Where a peer is now; tried before the graph's and the backup's addresses. Repeat for more addresses or peers.",
        valueName: "pubkey@host:port"))
    var peers: [String] = []

    func validate() throws {
        _ = try addresses()
    }

    func addresses() throws -> RestorePeerAddresses {
        var given: [String: [String]] = [:]
        for text in peers {
            do {
                let override = try TriggerPeerOverride(parsing: text)
                given[Hex.encode(override.node.compressed), default: []].append(override.address.description)
            } catch {
                throw ValidationError(error.description)
            }
        }
        return RestorePeerAddresses(given: given)
    }
}
