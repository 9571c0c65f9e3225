import CommandLineSupport

/// Errors a user can hit in `casa-recover`. Each message says what happened and what to do;
/// `exitStatus` maps it to the documented exit code.
public enum RecoveryError: Error, Sendable, CustomStringConvertible {
    case cannotReadFile(path: String, reason: String)
    case noTerminal
    case emptyBackupFile(path: String)
    case invalidBackup(String)
    case invalidSeed(String)
    case invalidRootKey(String)
    case notThisSeed(triedNetworks: [String])
    case wrongNetwork(given: String, matching: String)
    case needsWords
    case damagedSnapshot(label: String, reason: String)
    case vaultUnavailable(String)
    case vaultRefused(String)
    case accountNotFound(account: String)
    case noSnapshots(source: String)
    case noSuchSnapshot(number: UInt64)
    case outputExists(path: String)
    case cannotWrite(path: String, reason: String)
    case lndUnavailable(String)
    case lndFailed(String)
    case wrongNode(expected: String, found: String)
    case walletPasswordNeeded
    case walletPasswordTooShort
    case walletPasswordMismatch
    case declined
    case confirmationNeeded
    case noSuchDevice(key: String, known: [String])
    case incomplete(String)
    /// More than one writer saved snapshots at once: the owner must choose (`--branch`, `--snapshot`).
    case historyForked(branches: [String])
    case noSuchBranch(String, branches: [String])
    /// `--snapshot N` names different snapshots in different sources.
    case ambiguousSnapshot(number: UInt64, labels: [String])

    public var exitStatus: ExitStatus {
        switch self {
        case .cannotReadFile: return .cannotRead
        case .noTerminal: return .usage
        case .emptyBackupFile, .invalidBackup: return .badBackup
        case .invalidSeed, .invalidRootKey: return .badSeed
        case .notThisSeed, .wrongNetwork: return .notThisSeed
        case .needsWords, .walletPasswordNeeded, .walletPasswordTooShort, .walletPasswordMismatch, .confirmationNeeded: return .usage
        case .damagedSnapshot: return .badBackup
        case .vaultUnavailable, .lndUnavailable: return .unavailable
        case .vaultRefused: return .refused
        case .accountNotFound, .noSnapshots, .noSuchSnapshot, .noSuchDevice: return .notFound
        case .outputExists, .cannotWrite: return .cannotWrite
        case .lndFailed: return .failure
        case .wrongNode: return .wrongNode
        case .declined: return .declined
        case .incomplete: return .incomplete
        case .historyForked, .ambiguousSnapshot: return .mustChoose
        case .noSuchBranch: return .notFound
        }
    }

    public var description: String {
        switch self {
        case .cannotReadFile(let path, let reason):
            return "cannot read \(path): \(reason). Check the path and its permissions."
        case .noTerminal:
            return "no terminal to ask for the seed on. Pass --words-file (and --passphrase-file), or --rootkey-file."
        case .emptyBackupFile(let path):
            return "\(path) is empty. Use lnd's channel.backup (data/chain/bitcoin/<network>/channel.backup) or an exported backup."
        case .invalidBackup(let reason):
            return "the backup cannot be read: \(reason). Try another copy (an older archive, the USB stick or the vault)."
        case .invalidSeed(let reason):
            return "\(reason) Nothing was changed."
        case .invalidRootKey(let reason):
            return "the root key is not valid: \(reason). It must be one xprv/tprv line (chantools showrootkey prints one)."
        case .notThisSeed(let tried):
            return "this backup was not made by this seed (tried \(tried.joined(separator: ", ")) keys), or the file is corrupt. "
                + "Check the words and the aezeed passphrase, and that the backup belongs to this node."
        case .wrongNetwork(let given, let matching):
            return "this backup was made on \(matching), not \(given). Run again with --network \(matching)."
        case .needsWords:
            return "the vault account is found from the 24 words only (a root key does not contain them). Use --words-file or type the words."
        case .damagedSnapshot(let label, let reason):
            return "snapshot \(label) cannot be used: \(reason). Pick another with --snapshot (see `casa-recover list`)."
        case .vaultUnavailable(let reason):
            return "the vault cannot be reached: \(reason). Try again later, or use a local or USB copy with --from DIR."
        case .vaultRefused(let reason):
            return "the vault refused the request: \(reason). Check the words (they name the account) and --vault."
        case .accountNotFound(let account):
            return "the vault has no account for these words\(account.isEmpty ? "" : " (account \(account))"). Check the words and passphrase, and --vault; "
                + "if the vault was lost, use a local or USB copy with --from DIR."
        case .noSnapshots(let source):
            return "\(source) holds no snapshot made by this seed. Check the words and passphrase, or try another copy (--from DIR)."
        case .noSuchSnapshot(let number):
            return "there is no snapshot with version \(number). Run `casa-recover list` to see the versions."
        case .outputExists(let path):
            return "\(path) already exists and was left untouched. Choose another --output, or add --force to replace it."
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason). Check the folder exists and is writable."
        case .lndUnavailable(let reason):
            return "lnd cannot be reached: \(reason). Check that lnd runs and that --lnddir points to its folder (tls.cert, macaroons)."
        case .lndFailed(let reason):
            return "lnd refused: \(reason)."
        case .wrongNode(let expected, let found):
            return "this lnd's wallet belongs to another node (identity \(found)); these words are node \(expected). "
                + "Nothing was changed. Use a fresh lnd (no wallet) or the lnd created from these words."
        case .walletPasswordTooShort:
            return "lnd needs a wallet password of at least 8 characters. Nothing was changed; run again with a longer one."
        case .walletPasswordMismatch:
            return "the two passwords differ. Nothing was changed; run again and type the same password twice."
        case .walletPasswordNeeded:
            return "lnd's wallet is locked and a wallet password is needed. Pass --wallet-password-file or run on a terminal."
        case .declined:
            return "nothing was done (not confirmed)."
        case .noSuchDevice(let key, let known):
            return "no device \(key) in this account (devices: \(known.isEmpty ? "none" : known.joined(separator: ", "))). Nothing was revoked."
        case .confirmationNeeded:
            return "this step cannot be undone and there is no terminal to confirm it on. Add --yes to confirm (or --dry-run to see the plan)."
        case .incomplete(let what):
            return "not finished: \(what). Run the same command again later; it resumes where it stopped."
        case .historyForked(let branches):
            return "your backups have \(branches.count) branches: more than one device or disk copy saved snapshots at the same time, "
                + "so there is no single newest one and casa will not guess. Branches:\n  " + branches.joined(separator: "\n  ")
                + "\nCompare them with `casa-recover list`, then run again with --branch N (or --snapshot N). "
                + "The branch whose channels your node really had is the one to restore; if unsure, restore the one with more channels first."
        case .noSuchBranch(let text, let branches):
            return "no single branch matches \"\(text)\". Give its number or at least 4 characters of its writer ID:\n  "
                + branches.joined(separator: "\n  ")
        case .ambiguousSnapshot(let number, let labels):
            return "--snapshot \(number) names different snapshots (\(labels.joined(separator: ", "))). Read one source at a time "
                + "(--vault or --from) to choose among them."
        }
    }
}
