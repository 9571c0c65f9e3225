internal import Foundation
public import Sodium

#if canImport(Glibc)
internal import Glibc
#endif

/// Where a secret (seed words, aezeed passphrase, root key, wallet password) comes from.
/// Secrets are never taken from argv: either a file (for scripted drills) or the terminal, without echo.
public enum SecretSource: Sendable {
    case file(String)
    case terminal(prompt: String)

    /// Reads the secret into secure memory. For files, one trailing newline (LF or CRLF) is dropped.
    /// Throws `CommandLineError.cannotReadFile` or `.noTerminal`.
    public func read() throws -> SecureBytes {
        switch self {
        case .file(let path):
            return try SecretSource.readFile(path)
        case .terminal(let prompt):
            return try SecretSource.readTerminal(prompt: prompt)
        }
    }

    static func readFile(_ path: String) throws -> SecureBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CommandLineError.cannotReadFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CommandLineError.cannotReadFile(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        guard size <= 64 * 1024 else { throw CommandLineError.cannotReadFile(path: path, reason: "too large for a secret (\(size) bytes)") }
        var length = 0
        let buffer = try SecureBytes(count: size) { dst in
            while length < size {
                let n = Glibc.read(fd, dst.baseAddress! + length, size - length)
                if n <= 0 { break }
                length += n
            }
        }
        return try trimTrailingNewline(buffer, length: length)
    }

    static func readTerminal(prompt: String) throws -> SecureBytes {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw CommandLineError.noTerminal }
        defer { close(fd) }
        var original = termios()
        let isTTY = tcgetattr(fd, &original) == 0
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        if isTTY { _ = tcsetattr(fd, TCSAFLUSH, &silent) }
        defer {
            if isTTY { _ = tcsetattr(fd, TCSAFLUSH, &original) }
            _ = Glibc.write(fd, "\n", 1)
        }
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }
        let capacity = 4096
        var length = 0
        let buffer = try SecureBytes(count: capacity) { dst in
            var byte: UInt8 = 0
            while length < capacity, Glibc.read(fd, &byte, 1) == 1 {
                if byte == 0x0a { break }
                dst[length] = byte
                length += 1
            }
            byte = 0
        }
        return try trimTrailingNewline(buffer, length: length)
    }

    private static func trimTrailingNewline(_ buffer: SecureBytes, length: Int) throws -> SecureBytes {
        var end = length
        buffer.withUnsafeBytes { bytes in
            if end > 0 && bytes[end - 1] == 0x0a { end -= 1 }
            if end > 0 && bytes[end - 1] == 0x0d { end -= 1 }
        }
        return try buffer.slice(0..<end)
    }
}
