import CommandLineSupport
import Sodium

/// lnd's wallet password for restore: from a file, or typed (twice for a new wallet, so that a
/// typo does not lock the operator out of the wallet they just created).
public struct WalletPasswordReader: Sendable {
    public var file: String?

    public init(file: String?) {
        self.file = file
    }

    /// - Parameter creating: true for InitWallet (at least 8 characters, lnd's rule; typed twice).
    public func read(creating: Bool) throws -> SecureBytes {
        if let file {
            let password = try RecoveryError.mapping { try SecretSource.file(file).read() }
            if creating { try Self.check(password) }
            return password
        }
        do {
            let prompt = creating ? "New lnd wallet password (at least 8 characters; typing is hidden): " : "lnd wallet password (typing is hidden): "
            let first = try SecretSource.terminal(prompt: prompt).read()
            guard creating else { return first }
            try Self.check(first)
            let again = try SecretSource.terminal(prompt: "The same password again: ").read()
            guard first.constantTimeEquals(again) else { throw RecoveryError.walletPasswordMismatch }
            return first
        } catch CommandLineError.noTerminal {
            throw RecoveryError.walletPasswordNeeded
        } catch let error as CommandLineError {
            throw RecoveryError(error)
        }
    }

    static func check(_ password: SecureBytes) throws {
        guard password.count >= 8 else { throw RecoveryError.walletPasswordTooShort }
    }
}
