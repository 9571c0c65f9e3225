/// lnd's answer to UnlockWallet, as far as sealed auto-unlock cares.
public enum WalletUnlockResult: Sendable, Equatable {
    case unlocked
    /// Someone (or lnd's own password file) unlocked it first.
    case alreadyUnlocked
    /// lnd refused the password (lnd says `invalid passphrase for master public key`).
    case wrongPassword(String)
}
