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
}
