import ArgumentParser

/// `casa-vault`: the remote, ciphertext-only blob store (docs/vault-api.md).
@main
struct CasaVault: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casa-vault",
        abstract: "The casa vault: an append-only store for encrypted Lightning node backups.",
        subcommands: [Serve.self, Account.self],
        defaultSubcommand: Serve.self)
}
