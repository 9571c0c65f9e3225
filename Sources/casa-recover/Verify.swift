import ArgumentParser
import Recovery

extension CasaRecover {
    /// `casa-recover verify`: is the backup there, intact and made by these words?
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a snapshot downloads, opens with your words and holds lnd's channels; writes nothing.",
            discussion: "Takes the newest snapshot that opens, or --snapshot N. Exit code 0 means it is ready to restore."
        )

        @OptionGroup var query: SnapshotQuery

        @Option(name: .customLong("snapshot"), help: "The snapshot to check: a vault version or a local file's sequence (see `list`). Default: the newest.")
        var version: UInt64?

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let listing = try await query.load()
                let snapshot = try listing.pick(number: version)
                print(json ? try JSONOutput.render(FetchReport(listing: listing, snapshot: snapshot, output: nil))
                           : FetchText.render(snapshot, output: nil))
            }
        }
    }
}
