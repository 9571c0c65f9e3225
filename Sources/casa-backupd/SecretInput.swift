import Recovery
import Sodium

/// Reads a secret from a file (one trailing newline dropped) or from the terminal with echo off,
/// into secure memory. The same reader as casa-recover's, so a words file works for both.
enum SecretInput {
    static func read(file: String?, prompt: String) throws -> SecureBytes {
        try (file.map(SecretSource.file) ?? .terminal(prompt: prompt)).read()
    }
}
