import BackupAgent
import CommandLineSupport
import Sodium

/// Reads a secret from a file (one trailing newline dropped) or from the terminal with echo off,
/// into secure memory. The same reader as casa-recover's, so a words file works for both.
enum SecretInput {
    /// A wallet password: from a file (trailing CR/LF trimmed, like lnd's
    /// wallet-unlock-password-file) or the terminal without echo.
    static func readPassword(file: String?, prompt: String) throws -> SecureBytes {
        let raw = try read(file: file, prompt: prompt)
        var count = raw.count
        raw.withUnsafeBytes { bytes in
            while count > 0, bytes[count - 1] == 10 || bytes[count - 1] == 13 { count -= 1 }
        }
        guard count > 0 else { throw AgentError.configuration("the wallet password is empty") }
        return count == raw.count ? raw : try raw.slice(0..<count)
    }

    static func read(file: String?, prompt: String) throws -> SecureBytes {
        try (file.map(SecretSource.file) ?? .terminal(prompt: prompt)).read()
    }
}
