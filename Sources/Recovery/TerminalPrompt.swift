import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A yes/no question on the terminal (`/dev/tty`), for confirmations before irreversible steps.
public enum TerminalPrompt {
    /// True only when the user types "yes". Throws `.noTerminal` when there is no terminal
    /// (scripts must pass `--yes`).
    public static func confirm(_ question: String) throws -> Bool {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw RecoveryError.confirmationNeeded }
        defer { close(fd) }
        let prompt = question + " Type yes to continue: "
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 64, Glibc.read(fd, &byte, 1) == 1, byte != 0x0a { line.append(byte) }
        return String(decoding: line, as: UTF8.self).trimmingWhitespace().lowercased() == "yes"
    }
}
