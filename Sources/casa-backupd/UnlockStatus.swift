import ArgumentParser
import BackupAgent
import Foundation

extension CasaBackupd.Unlock {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Is sealed auto-unlock set up, would the vault release the share now, and until when.")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print JSON for scripts.") var json = false

        func run() async throws {
            do {
                let configuration = try options.resolve()
                let vault = configuration.vaultURL == nil ? nil : try LiveWiring.unlockVault(configuration)
                let report = await UnlockStatusReport.check(
                    vault: vault, sealFile: UnlockSealFile(stateDirectory: configuration.stateDirectory), agent: RunningAgentStatus.fetch(configuration))
                print(json ? report.json : report.text)
            } catch {
                throw fail(error)
            }
        }
    }
}
