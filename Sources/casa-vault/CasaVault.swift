import ArgumentParser
import VaultServer
import BuildInfo

/// `casa-vault`: the remote, ciphertext-only blob store (docs/vault-api.md).
@main
struct CasaVault: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casa-vault",
        abstract: "The casa vault: an append-only store for encrypted Lightning node backups.",
        version: BuildInfo.version,
        subcommands: [Serve.self, Account.self],
        defaultSubcommand: Serve.self)

    /// The main task runs on the main thread; NIO's event loops become the global executor
    /// before it starts any other task.
    @MainActor static func main() async {
        EventLoopExecutor.install()
        LazyMetadataLogHandler.bootstrap()
        await main(nil)
    }
}
