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
            throw AgentError.configuration("no terminal to ask on: pass --words-file (and --passphrase-file if you set one)")
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
