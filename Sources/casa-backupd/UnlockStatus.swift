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
                    vault: vault, sealFile: UnlockSealFile(stateDirectory: configuration.stateDirectory), agent: Self.agentStatus(configuration))
                print(json ? report.json : report.text)
            } catch {
                throw fail(error)
            }
        }

        /// The running agent's status, if it answers (its last auto-unlock attempt).
        static func agentStatus(_ configuration: AgentConfiguration) -> StatusReport? {
            guard configuration.metricsPort != 0,
                  let answer = try? ControlClient.request("GET", "/status", port: configuration.metricsPort, timeoutSeconds: 3),
                  answer.status == 200
            else { return nil }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try? decoder.decode(StatusReport.self, from: Data(answer.body.utf8))
        }
    }
}
