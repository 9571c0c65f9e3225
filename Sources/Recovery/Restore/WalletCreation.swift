import Sodium

/// What InitWallet needs to recreate the wallet from the words (docs/lnd.md §3.3).
public struct WalletCreation: Sendable {
    /// The new wallet password (at least 8 characters, lnd's rule).
    public var password: SecureBytes
    /// The 24 words, lowercase and separated by single spaces, in secure memory.
    public var mnemonic: SecureBytes
    public var passphrase: SecureBytes?
    /// How many addresses lnd scans for on-chain funds (lnd's default is 2500 when restoring).
    public var recoveryWindow: Int32

    public init(password: SecureBytes, mnemonic: SecureBytes, passphrase: SecureBytes?, recoveryWindow: Int32) {
        self.password = password
        self.mnemonic = mnemonic
        self.passphrase = passphrase
        self.recoveryWindow = recoveryWindow
    }
}
