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
        let prompt = creating ? "New lnd wallet password (at least 8 characters; typing is hidden): " : "lnd wallet password (typing is hidden): "
        do {
            return try PasswordInput(file: file).read(
                prompt: prompt, new: creating ? PasswordInput.NewPassword(minimumLength: 8, againPrompt: "The same password again: ") : nil)
        } catch CommandLineError.noTerminal {
            throw RecoveryError.walletPasswordNeeded
        } catch let error as CommandLineError {
            throw RecoveryError(error)
        }
    }
}
