import ArgumentParser
import CommandLineSupport
import Recovery

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

        @OptionGroup var query: SnapshotQuery

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let listing = try await query.load()
                print(json ? try JSONOutput.render(ListReport(listing)) : ListText.render(listing))
            }
        }
    }
}
