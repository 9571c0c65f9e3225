import ArgumentParser
import BackupAgent

extension CasaBackupd {
    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Take a snapshot now (before upgrades, resyncs, resets).",
            discussion: "With --wait, returns only when the vault acknowledged it, and exits non-zero otherwise.")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Wait for the vault's acknowledgement.") var wait = false
        @Option(help: "Seconds to wait for the vault.") var timeout = 120

        func run() async throws {
            do {
                let configuration = try options.resolve()
                let target = wait ? "/checkpoint?timeout=\(timeout)" : "/checkpoint?timeout=1"
                let answer = try ControlClient.request("POST", target, port: configuration.metricsPort, timeoutSeconds: timeout + 5)
                if answer.status == 200 || !wait {
                    print(answer.body, terminator: "")
                    if answer.status != 200 && !wait { return }
                    return
                }
                throw AgentError.io(answer.body.trimmingSuffixNewline)
            } catch {
                throw fail(error)
            }
        }
    }
}

extension String {
    var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
