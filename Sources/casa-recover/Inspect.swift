import ArgumentParser
import Recovery
import SeedKit
import LightningTypes

extension CasaRecover {
    /// `casa-recover inspect`: what is in this backup file?
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decrypt a channel.backup (or one exported channel backup) with your seed and list its channels.",
            discussion: "FILE may be lnd's raw channel.backup or the same bytes as hex; Multi or Single is detected."
        )

        @Option(name: .customLong("backup"), help: "The backup file: lnd's channel.backup or an exported single backup, raw or hex.")
        var backup: String

        @Option(help: "The node's network. Without it, mainnet is tried first, then the test networks.")
        var network: BitcoinNetwork?

        @Option(help: "Force the backup kind instead of detecting it (multi or single).")
        var kind: BackupKind?

        @OptionGroup var seed: SeedOptions

        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                let blob = try BackupFile.read(path: backup)
                let material = try seed.loader.load()
                let inspection = try BackupInspector().inspect(blob: blob, kind: kind, seed: material, network: network)
                print(json ? try InspectReport(inspection).json() : InspectText.render(inspection))
            }
        }
    }
}

extension BackupKind: ExpressibleByArgument {}
