import ArgumentParser
import CommandLineSupport
import Recovery
import SeedKit
import LightningTypes

extension CasaRecover {
    /// `casa-recover status`: where the restored (or force-closed) channels stand in lnd.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where each restored channel stands, by lnd's own lists: waiting for its peer, close seen, confirmed, closed.",
            discussion: """
                With --state (restore's restore-state.json), every channel restore worked on is shown; without it, the channels \
                lnd is closing now. A channel's outcome is proven once lnd acted on its close on chain (pending force close or \
                closed, with the closing txid). Needs no secrets. Exit 0 when every channel's outcome is proven, 75 otherwise \
                (also when nothing is tracked).
                """
        )

        @OptionGroup var lnd: LNDOptions

        @Option(help: "The node's network (for lnd's macaroon path).")
        var network: BitcoinNetwork = .mainnet

        @Option(help: ArgumentHelp("restore's state file, to follow only the restored channels.", valueName: "file"))
        var state: String?

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let tracked = try state.map { path -> [String: ChannelProgress] in
                    guard let saved = try RestoreStateFile(path: path).load() else {
                        throw RecoveryError.cannotReadFile(path: path, reason: "no such state file")
                    }
                    return saved.channels
                }
                let client = try lnd.connect(network: network)
                let report = ChannelStatusReport(lndChannels: try await client.channels(), tracked: tracked,
                                                 peers: try await client.connectedPeers())
                print(json ? try JSONOutput.render(report) : ChannelStatusText.render(report))
                if !report.done { throw ExitCode(ExitStatus.incomplete.rawValue) }
            }
        }
    }
}
