import ArgumentParser
import CommandLineSupport
import Foundation
import Recovery

extension CasaRecover {
    /// `casa-recover revoke-device`: a device was stolen or retired; cut it off in the vault.
    struct RevokeDevice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-device",
            abstract: "With your words (owner key), revoke a device in the vault: its key and its unlock share stop working.",
            discussion: """
                Without --device, lists the account's devices and revokes nothing. Revocation is permanent: the device can no \
                longer upload, read, heartbeat or fetch its sealed unlock share, and it never could delete history. Re-enrol a \
                replacement box with a new device key.
                """
        )

        @Option(help: "The vault's URL (default: the CASA_VAULT_URL environment variable).")
        var vault: String?

        @OptionGroup var vaultTransport: VaultTransportOptions

        @Option(help: ArgumentHelp("The device's public key (hex), as listed.", valueName: "key"))
        var device: String?

        @Flag(help: "Do not ask for confirmation.")
        var yes = false

        @OptionGroup var seed: SeedOptions

        @Flag(help: "Print exactly one JSON object instead of text.")
        var json = false

        func run() async throws {
            try await CommandRunner.run {
                guard let url = vault ?? ProcessInfo.processInfo.environment["CASA_VAULT_URL"], !url.isEmpty else {
                    throw ValidationError("say where the vault is: --vault URL (or CASA_VAULT_URL)")
                }
                let owner = try seed.loader.load().ownerKey()
                let result = try await DeviceRevoker(vault: try RemoteOwnerVault.connect(url: url, owner: owner, transport: vaultTransport.settings)).run(
                    device: device, confirm: { key in yes ? true : try TerminalPrompt.confirm("Revoke device \(key) for good?") })
                print(json ? try JSONOutput.render(result) : result.text)
            }
        }
    }
}
