import ArgumentParser
import BackupAgent
import Foundation

extension CasaBackupd {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Last snapshot, last upload, queue depth, channel count and warnings of the running agent.")

        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print JSON for scripts.") var json = false

        func run() async throws {
            do {
                let configuration = try options.resolve()
                let answer = try ControlClient.request("GET", "/status", port: configuration.metricsPort)
                guard answer.status == 200 else { throw AgentError.io(answer.body) }
                if json {
                    print(answer.body)
                } else {
                    let decoder = JSONDecoder()
                    decoder.dateDecodingStrategy = .iso8601
                    print(try decoder.decode(StatusReport.self, from: Data(answer.body.utf8)).text)
                }
            } catch {
                throw fail(error)
            }
        }
    }
}
