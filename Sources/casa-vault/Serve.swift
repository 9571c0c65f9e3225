import ArgumentParser
import Foundation
import Logging
import VaultServer

extension CasaVault {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the vault API until SIGTERM or SIGINT (in-flight requests are finished first).")

        @OptionGroup var storage: StorageOptions

        @Option(name: .long, help: "Address to listen on (default 127.0.0.1; put TLS in front, see vault/).")
        var host: String?

        @Option(name: .long, help: "Port to listen on (default 8420; 0 picks a free port).")
        var port: Int?

        @Option(name: .long, help: "The response key's seed file, 0600 (default with --data: response-key in it; required with --database, the same file for every process).")
        var responseKeyFile: String?

        func run() async throws {
            var configuration = try storage.configuration()
            if let host { configuration.host = host }
            if let port { configuration.port = port }
            if let responseKeyFile { configuration.responseKeyFile = responseKeyFile }
            let where_: String = switch configuration.storage {
            case .sqlite(let directory): "SQLite in \(directory)"
            case .postgres: "PostgreSQL"
            case .memory: "memory (not durable)"
            }
            let host = configuration.host
            try await runVault(configuration: configuration) { port in
                let shownHost = host.contains(":") ? "[\(host)]" : host
                // Written unbuffered, so scripts reading a pipe see the URL at once.
                FileHandle.standardOutput.write(Data("casa-vault: serving http://\(shownHost):\(port) from \(where_)\n".utf8))
            }
        }
    }
}
