import ArgumentParser
import BackupAgent

extension CasaBackupd.Unlock {
    struct Setup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "setup",
            abstract: "Unlock lnd (which must be LOCKED) with the wallet password, then seal the password for auto-unlock.",
            discussion: "The password is asked once on the terminal without echo, or read from --password-file (trailing newline ignored); never pass it as an argument. Nothing is sealed unless lnd accepts the password.")

        @OptionGroup var options: ConfigOptions
        @Option(name: .customLong("password-file"), help: "Read the wallet password from this file (for scripts) instead of the terminal.")
        var passwordFile: String?

        func run() async throws {
            do {
                let configuration = try options.resolve()
                let vault = try LiveWiring.unlockVault(configuration)
                let password = try SecretInput.readPassword(file: passwordFile, prompt: "lnd wallet password (typing is hidden), then Enter: ")
                let setup = UnlockSetup(
                    lnd: try LiveWiring.lnd(configuration), vault: vault, heartbeats: vault, account: try configuration.accountID(),
                    sealFile: UnlockSealFile(stateDirectory: configuration.stateDirectory))
                let result = try await setup.setup(password: password)
                print("lnd unlocked; the wallet password is sealed (\(configuration.stateDirectory)/unlock.seal + this device's vault share)")
                if result.releaseArmed {
                    print("release armed: lnd unlocks itself after a reboot while the node was seen alive within the release window")
                } else {
                    print("release not armed yet (\(result.heartbeatProblem ?? "no heartbeat")): the running agent's next heartbeat arms it")
                }
            } catch {
                throw fail(error)
            }
        }
    }
}
