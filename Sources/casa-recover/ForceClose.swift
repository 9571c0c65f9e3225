import ArgumentParser
import CommandLineSupport
import Recovery
import SeedKit
import LightningTypes

extension CasaRecover {
    /// `casa-recover force-close`: close the live channels of a node that is dying (failing disk).
    struct ForceClose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "force-close",
            abstract: "Force-close the open channels of a working but dying node through its lnd, after confirmation.",
            discussion: """
                Use it while the node still runs with its latest state (a failing SD card or disk): lnd broadcasts its own \
                latest commitment, which is safe. Never use it on a node restored from an old copy of its data. Our funds \
                return after the channel's CSV delay. --dry-run shows the plan; --yes skips the question (scripts).
                """
        )

        @OptionGroup var lnd: LNDOptions

        @Option(help: "The node's network (for lnd's macaroon path).")
        var network: BitcoinNetwork = .mainnet

        @Option(name: .customLong("channel-point"), help: ArgumentHelp("Only this channel (txid:index); repeat for several. Default: every open channel.", valueName: "txid:index"))
        var channelPoints: [String] = []

        @Flag(help: "Show what would be closed and close nothing.")
        var dryRun = false

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let client = try lnd.connect(network: network)
                var plan = try ForceClosePlan.make(lndChannels: try await client.channels(), only: channelPoints, dryRun: dryRun)
                if !dryRun && !plan.channels.isEmpty {
                    if !yes {
                        if !json { print(ForceClosePlan(dryRun: true, channels: plan.channels).text + "\n") }
                        guard try TerminalPrompt.confirm("Force-close these \(plan.channels.count) channel(s)? This cannot be undone.") else {
                            throw RecoveryError.declined
                        }
                    }
                    let quiet = json
                    await plan.execute(on: client, progress: { if !quiet { print("· " + $0) } })
                }
                print(json ? try JSONOutput.render(plan) : plan.text)
                if plan.channels.contains(where: { $0.error != nil }) { throw ExitCode(ExitStatus.failure.rawValue) }
            }
        }
    }
}
