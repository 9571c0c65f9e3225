import ArgumentParser
import BackupAgent

extension CasaBackupd {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Read back the local and vault copies, open them, and ask lnd's VerifyChanBackup. Non-zero on any problem.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            do {
                let configuration = try options.resolve()
                let verification = Verification(
                    lnd: try LiveWiring.lnd(configuration), store: try LiveWiring.store(configuration),
                    vault: try LiveWiring.vault(configuration), account: try configuration.accountID())
                let report = try await verification.run()
                print("local copy: counter \(report.localCounter.map(String.init) ?? "none")")
                print("vault copy: version \(report.vaultVersion.map(String.init) ?? "none"), counter \(report.vaultCounter.map(String.init) ?? "none")")
                print("channels:   \(report.channelCount)")
                for problem in report.problems { print("problem: \(problem)") }
                if !report.isGood { throw ExitCode(1) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw fail(error)
            }
        }
    }
}
