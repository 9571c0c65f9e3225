import ArgumentParser
import Recovery
import SeedKit

extension CasaRecover {
    /// `casa-recover list`: which snapshots exist for these words?
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the backup snapshots of the node these words belong to, newest first.",
            discussion: """
                Finds the vault account from the words alone, then opens every snapshot (our envelope, then lnd's \
                channel.backup inside) to show its channel count. With --from DIR, reads a local folder or USB copy instead. \
                Nothing is written or changed.
                """
        )

        @OptionGroup var snapshots: SnapshotOptions

        @Option(help: "The node's network. Without it, mainnet keys are tried first, then the test networks'.")
        var network: BitcoinNetwork?

        @OptionGroup var seed: SeedOptions

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let location = try snapshots.location
                let listing = try await SnapshotLoader.load(seed: try seed.loader.load(), network: network, location: location)
                print(json ? try JSONOutput.render(ListReport(listing)) : ListText.render(listing))
            }
        }
    }
}
