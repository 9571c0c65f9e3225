import ArgumentParser
import VaultServer

/// Where the vault keeps its data; shared by `serve` and `account`.
struct StorageOptions: ParsableArguments {
    @Option(name: .long, help: "TOML configuration file (see vault/casa-vault.toml).")
    var config: String?

    @Option(name: .long, help: "Folder for the embedded SQLite database (default: ./casa-vault-data).")
    var data: String?

    @Option(name: .long, help: "PostgreSQL URL, e.g. postgres://casa@127.0.0.1:5432/casa (several vaults may share it).")
    var database: String?

    @Flag(name: .long, help: "Keep everything in memory (demos and tests only: lost at exit).")
    var memory = false

    func validate() throws {
        if [data != nil, database != nil, memory].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --data, --database and --memory")
        }
    }

    /// The configuration from the file, then the flags on top.
    func configuration() throws -> VaultConfiguration {
        var configuration = VaultConfiguration()
        if let config { try configuration.apply(tomlFile: config) }
        if let data { configuration.storage = .sqlite(directory: data) }
        if let database { configuration.storage = .postgres(url: database) }
        if memory { configuration.storage = .memory }
        return configuration
    }
}
