import ArgumentParser
import Recovery

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
        do {
            return try RestorePeerAddresses(peerFlags: peers)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
