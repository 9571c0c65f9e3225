/// What can go wrong reading a secret or a confirmation on the command line. Each CLI turns it
/// into its own message and exit code (casa-recover: `RecoveryError(_:)`).
public enum CommandLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A secret's file cannot be read (missing, unreadable, too large).
    case cannotReadFile(path: String, reason: String)
    /// A secret was to be typed, but there is no terminal (`/dev/tty`) to ask on.
    case noTerminal
    /// A yes/no confirmation was needed, but there is no terminal to ask on.
    case noTerminalToConfirm
    /// A new password is shorter than the rule allows.
    case passwordTooShort(minimum: Int)
    /// A new password was typed twice, differently.
    case passwordMismatch

    public var description: String {
        switch self {
        case .cannotReadFile(let path, let reason):
            return "cannot read \(path): \(reason). Check the path and its permissions."
        case .noTerminal:
            return "no terminal to ask for the secret on. Give it in a file instead."
        case .noTerminalToConfirm:
            return "there is no terminal to confirm this step on."
        case .passwordTooShort(let minimum):
            return "the password needs at least \(minimum) characters."
        case .passwordMismatch:
            return "the two passwords differ."
        }
    }
}
