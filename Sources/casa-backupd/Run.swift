import ArgumentParser
import BackupAgent
import Logging
import ServiceLifecycle

extension CasaBackupd {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Run the agent until SIGTERM/SIGINT (finishes the write in flight, then exits).")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            do {
                let configuration = try options.resolve()
                var logger = Logger(label: "casa-backupd")
                logger.logLevel = .info
                let vault = try LiveWiring.vault(configuration)
                let runtime = try AgentRuntime(
                    settings: configuration.settings(), lnd: LiveWiring.lnd(configuration), store: LiveWiring.store(configuration),
                    vault: vault, vaultControl: vault, unlockVault: vault as? VaultConnection, logger: logger)
                logger.info("casa-backupd running; \(runtime.control.map { "metrics and control on 127.0.0.1:\($0.port)" } ?? "metrics and control endpoint off (metrics_port = 0)")")
                try await runtime.serviceGroup().run()
            } catch {
                throw fail(error)
            }
        }
    }
}
