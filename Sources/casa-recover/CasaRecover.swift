import ArgumentParser
import BuildInfo

/// `casa-recover`: the disaster tool. Everything starts from the 24 words (and aezeed passphrase).
@main
struct CasaRecover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casa-recover",
        abstract: "Find, verify, decrypt and restore your Lightning channel backups from your 24 words.",
        discussion: """
            Secrets (seed words, passphrase, root key) are never read from the command line: give them \
            in files (--words-file, --passphrase-file, --rootkey-file) or type them when asked (no echo). \
            Exit codes: 0 ok, 1 unexpected failure, 64 usage, 65 bad backup file, 66 cannot read a file, \
            67 invalid seed words/passphrase/root key, 68 backup not made by this seed, 69 vault or lnd unreachable, \
            70 nothing found, 71 lnd belongs to another node, 73 output exists, 74 not confirmed, \
            75 not finished yet (run again later; trigger-force-close: some peers did not react), 77 vault refused. Details: docs/recover-cli.md.
            """,
        version: BuildInfo.version,
        subcommands: [List.self, Fetch.self, Verify.self, Restore.self, Status.self, ForceClose.self, TriggerForceClose.self, RevokeDevice.self, Inspect.self]
    )
}
