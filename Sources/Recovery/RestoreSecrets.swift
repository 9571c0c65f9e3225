import Sodium

/// The secrets restore may need. The wallet password is only asked for when lnd needs it.
public struct RestoreSecrets: Sendable {
    public var mnemonic: [String]
    public var passphrase: SecureBytes?
    public var walletPassword: @Sendable () throws -> SecureBytes

    public init(mnemonic: [String], passphrase: SecureBytes?, walletPassword: @escaping @Sendable () throws -> SecureBytes) {
        self.mnemonic = mnemonic
        self.passphrase = passphrase
        self.walletPassword = walletPassword
    }
}
