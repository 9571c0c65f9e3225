/// Why `casa-backupd unlock setup` sealed nothing, with what to do.
public enum UnlockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// lnd is not LOCKED: only UnlockWallet proves the password is right, so setup needs a locked lnd.
    case notLocked(String)
    /// lnd refused the password; nothing was sealed.
    case wrongPassword(String)
    /// lnd could not be asked.
    case lndUnreachable(String)
    /// lnd is unlocked now, but the vault did not take the share; nothing was sealed.
    case vault(UnlockShareError)
    /// The password is empty or too long for a seal.
    case badPassword(String)

    public var description: String {
        switch self {
        case .notLocked(let state):
            "lnd is \(state), not LOCKED: setup proves the password by unlocking lnd with it, so restart lnd (it comes back LOCKED) and run `casa-backupd unlock setup` again; nothing was sealed"
        case .wrongPassword(let message):
            "lnd refused this wallet password (\(message)); nothing was sealed: try again with the password you type at `lncli unlock`"
        case .lndUnreachable(let why):
            "cannot reach lnd (\(why)); nothing was sealed: check that lnd runs and the --lnddir setting"
        case .vault(let error):
            "lnd is unlocked, but sealing failed: \(error); nothing was sealed, run `casa-backupd unlock setup` again (after restarting lnd) once the vault answers"
        case .badPassword(let why):
            "\(why); nothing was sealed"
        }
    }
}
