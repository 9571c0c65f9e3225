public import Sodium

/// A password from a file or typed on the terminal without echo. A new one must be long enough
/// and is typed twice, so that a typo does not lock its owner out of what it just created.
public struct PasswordInput: Sendable {
    /// What a new password must satisfy.
    public struct NewPassword: Sendable {
        public var minimumLength: Int
        public var againPrompt: String

        public init(minimumLength: Int, againPrompt: String) {
            self.minimumLength = minimumLength
            self.againPrompt = againPrompt
        }
    }

    public var file: String?

    public init(file: String?) {
        self.file = file
    }

    /// Throws `CommandLineError` (`.cannotReadFile`, `.noTerminal`, `.passwordTooShort`, `.passwordMismatch`).
    /// - Parameter new: for a password being set: checked, and typed twice on the terminal.
    public func read(prompt: String, new: NewPassword? = nil) throws -> SecureBytes {
        if let file {
            let password = try SecretSource.file(file).read()
            if let new { try Self.check(password, new) }
            return password
        }
        let first = try SecretSource.terminal(prompt: prompt).read()
        guard let new else { return first }
        try Self.check(first, new)
        let again = try SecretSource.terminal(prompt: new.againPrompt).read()
        guard first.constantTimeEquals(again) else { throw CommandLineError.passwordMismatch }
        return first
    }

    static func check(_ password: SecureBytes, _ new: NewPassword) throws {
        guard password.count >= new.minimumLength else { throw CommandLineError.passwordTooShort(minimum: new.minimumLength) }
    }
}
