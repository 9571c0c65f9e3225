import CommandLineSupport

extension RecoveryError {
    /// A secret or confirmation that could not be read, as casa-recover tells it.
    public init(_ error: CommandLineError) {
        switch error {
        case .cannotReadFile(let path, let reason): self = .cannotReadFile(path: path, reason: reason)
        case .noTerminal: self = .noTerminal
        case .noTerminalToConfirm: self = .confirmationNeeded
        case .passwordTooShort: self = .walletPasswordTooShort
        case .passwordMismatch: self = .walletPasswordMismatch
        }
    }

    /// Runs `body`, turning `CommandLineError` into the matching `RecoveryError`.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CommandLineError {
            throw RecoveryError(error)
        }
    }
}
