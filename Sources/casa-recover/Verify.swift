import ArgumentParser
import CommandLineSupport
import Recovery

extension CasaRecover {
    /// `casa-recover verify`: is the backup there, intact and made by these words?
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a snapshot downloads, opens with your words and holds lnd's channels; writes nothing.",
            discussion: "Takes the newest snapshot (docs/envelope.md §9), --snapshot N, or --branch N when the history forked. Exit code 0 means it is ready to restore."
        )

        @OptionGroup var query: SnapshotQuery

        @OptionGroup var selection: SnapshotSelection

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let listing = try await query.load()
                let snapshot = try listing.pick(selection.choice)
                print(json ? try JSONOutput.render(FetchReport(listing: listing, snapshot: snapshot, output: nil))
                           : FetchText.render(snapshot, output: nil))
            }
        }
    }
}
