import ArgumentParser
import Recovery
import SeedKit

extension CasaRecover {
    /// `casa-recover verify`: is the backup there, intact and made by these words?
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a snapshot downloads, opens with your words and holds lnd's channels; writes nothing.",
            discussion: "Takes the newest snapshot that opens, or --snapshot N. Exit code 0 means it is ready to restore."
        )

        @OptionGroup var snapshots: SnapshotOptions

        @Option(name: .customLong("snapshot"), help: "The snapshot to check: a vault version or a local file's sequence (see `list`). Default: the newest.")
        var version: UInt64?

        @Option(help: "The node's network. Without it, mainnet keys are tried first, then the test networks'.")
        var network: BitcoinNetwork?

        @OptionGroup var seed: SeedOptions

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let location = try snapshots.location
                let listing = try await SnapshotLoader.load(seed: try seed.loader.load(), network: network, location: location)
                let snapshot = try listing.pick(number: version)
                print(json ? try JSONOutput.render(FetchReport(listing: listing, snapshot: snapshot, output: nil))
                           : FetchText.render(snapshot, output: nil))
            }
        }
    }
}
