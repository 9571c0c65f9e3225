import ArgumentParser
import CommandLineSupport
import Recovery

extension CasaRecover {
    /// `casa-recover fetch`: download a snapshot and write the `channel.backup` lnd restores from.
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a snapshot, check it, show its channels and write it as a channel.backup for lnd.",
            discussion: """
                Takes the newest snapshot (docs/envelope.md §9), --snapshot N, or the newest of one branch (--branch N) when the history forked. The file is written atomically \
                (mode 0600) and never replaces an existing file unless --force is given. It is lnd's own encrypted \
                channel.backup: `lncli restorechanbackup --multi_file FILE` or `casa-recover restore` accept it.
                """
        )

        @OptionGroup var query: SnapshotQuery

        @Option(help: "Where to write the channel.backup.")
        var output: String

        @OptionGroup var selection: SnapshotSelection

        @Flag(help: "Replace --output if it already exists.")
        var force = false

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let listing = try await query.load()
                let snapshot = try listing.pick(selection.choice)
                try ChannelBackupWriter.write(snapshot.lndBackup, to: output, force: force)
                print(json ? try JSONOutput.render(FetchReport(listing: listing, snapshot: snapshot, output: output))
                           : FetchText.render(snapshot, output: output))
            }
        }
    }
}
