/// The exit codes of `casa-recover`, documented in docs/recover-cli.md. Scripts rely on them.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// Something unexpected: a bug or an environment problem; the message says what.
    case failure = 1
    /// Wrong flags, or a secret was needed but there is no terminal to ask on.
    case usage = 64
    /// The backup file is truncated, corrupt, or of a version we do not know.
    case badBackup = 65
    /// An input file cannot be read.
    case cannotRead = 66
    /// The words, passphrase or root key are not valid (unknown word, bad checksum, wrong passphrase).
    case badSeed = 67
    /// The backup was not made by this seed (or this network's keys).
    case notThisSeed = 68
    /// The vault or lnd cannot be reached (network, service down); retrying later may work.
    case unavailable = 69
    /// No account for these words, no snapshot, or no snapshot with that version.
    case notFound = 70
    /// lnd's wallet belongs to another node than these words.
    case wrongNode = 71
    /// The output file exists (use --force) or cannot be written.
    case cannotWrite = 73
    /// The user did not confirm; nothing was done.
    case declined = 74
    /// Work remains (channels waiting for their peer); run the same command again later.
    case incomplete = 75
    /// The history forked (two writers at once) or `--snapshot N` is ambiguous: choose with
    /// `--branch` or `--snapshot`; nothing was done.
    case mustChoose = 76
    /// The vault refused the request (not authorized).
    case refused = 77
}
