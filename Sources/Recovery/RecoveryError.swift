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

    public var exitStatus: ExitStatus {
        switch self {
        case .cannotReadFile: return .cannotRead
        case .noTerminal: return .usage
        case .emptyBackupFile, .invalidBackup: return .badBackup
        case .invalidSeed, .invalidRootKey: return .badSeed
        case .notThisSeed, .wrongNetwork: return .notThisSeed
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
        }
    }
}
