import BackupAgent
import Foundation
import Sodium
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a secret from a file or from the terminal with echo off, into secure memory.
enum SecretInput {
    /// A wallet password: from a file (one trailing CR/LF trimmed, like lnd's
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
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw AgentError.configuration("cannot read \(file)")
            }
            var bytes = [UInt8](data)
            defer { for i in bytes.indices { bytes[i] = 0 } }
            return try SecureBytes(copying: bytes)
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw AgentError.configuration("no terminal to ask on: pass the secret as a file (--words-file / --passphrase-file / --password-file)")
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        var bytes: [UInt8] = []
        defer { for i in bytes.indices { bytes[i] = 0 } }
        while bytes.count < 4096 {
            var byte: UInt8 = 0
            guard readByte(&byte), byte != 10 else { break }
            bytes.append(byte)
        }
        return try SecureBytes(copying: bytes)
    }
}

private func readByte(_ byte: inout UInt8) -> Bool {
    read(STDIN_FILENO, &byte, 1) == 1
}
