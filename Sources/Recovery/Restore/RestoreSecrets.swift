import Sodium

/// The secrets restore may need. The wallet password is only asked for when lnd needs it.
public struct RestoreSecrets: Sendable {
    /// The 24 words, lowercase and separated by single spaces, in secure memory.
    public var mnemonic: SecureBytes
    public var passphrase: SecureBytes?
    /// Called with `creating: true` for a new wallet.
    public var walletPassword: @Sendable (_ creating: Bool) throws -> SecureBytes

    public init(mnemonic: SecureBytes, passphrase: SecureBytes?, walletPassword: @escaping @Sendable (_ creating: Bool) throws -> SecureBytes) {
        self.mnemonic = mnemonic
        self.passphrase = passphrase
        self.walletPassword = walletPassword
    }
}
