import ArgumentParser
import BackupAgent

extension CasaBackupd.Unlock {
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Turn sealed auto-unlock off: clear this device's vault share and remove the local seal file.",
            discussion: "Either half alone already makes the seal useless, so the local file is removed even when the vault is unreachable.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            do {
                let configuration = try options.resolve()
                let result = try await UnlockDisable(
                    vault: try LiveWiring.unlockVault(configuration), sealFile: UnlockSealFile(stateDirectory: configuration.stateDirectory)
                ).disable()
                print(result.localFileRemoved ? "local seal removed" : "no local seal file (already removed)")
                if result.vaultCleared {
                    print("vault share cleared")
                } else {
                    print("vault share NOT cleared: \(result.vaultProblem ?? "unknown"); the seal is dead anyway without the local file; run `casa-backupd unlock disable` again when the vault answers")
                }
                print("sealed auto-unlock is off: lnd waits for a manual unlock after every restart")
            } catch {
                throw fail(error)
            }
        }
    }
}
