import ArgumentParser
import BuildInfo

@main
struct CasaBackupd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casa-backupd",
        abstract: "The casa backup agent: keeps lnd's channel backup sealed, locally and in the vault.",
        discussion: "Configuration: a TOML file (--config, default /etc/casa/backupd.toml), CASA_BACKUPD_* environment variables, then flags. See docs/agent.md.",
        version: BuildInfo.version,
        subcommands: [Run.self, Status.self, Enroll.self, Checkpoint.self, Verify.self, Unlock.self, Doctor.self]
    )
}
