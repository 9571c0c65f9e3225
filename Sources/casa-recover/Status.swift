import ArgumentParser
import Recovery
import SeedKit

extension CasaRecover {
    /// `casa-recover status`: where the restored (or force-closed) channels stand in lnd.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the closing channels in lnd: waiting close, closing txid, funds still on the way back.",
            discussion: """
                With --state (restore's restore-state.json), only the channels restore worked on are shown, and those lnd no \
                longer lists are reported as fully resolved. Needs no secrets. Exit 0 when nothing is waiting any more, 75 otherwise.
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
                let tracked = try state.map { path -> Set<String> in
                    guard let saved = try RestoreStateFile(path: path).load() else {
                        throw RecoveryError.cannotReadFile(path: path, reason: "no such state file")
                    }
                    return Set(saved.channels.filter { $0.value.restored }.keys)
                }
                let report = ChannelStatusReport(lndChannels: try await lnd.connect(network: network).channels(), tracked: tracked)
                print(json ? try JSONOutput.render(report) : ChannelStatusText.render(report))
                if !report.done { throw ExitCode(ExitStatus.incomplete.rawValue) }
            }
        }
    }
}
