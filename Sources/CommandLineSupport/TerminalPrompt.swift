internal import Foundation

#if canImport(Glibc)
internal import Glibc
#endif

/// A question on the terminal (`/dev/tty`), for confirmations before irreversible steps and for
/// choices a person must make.
public enum TerminalPrompt {
    /// True only when the user types "yes". Throws `CommandLineError.noTerminalToConfirm` when
    /// there is no terminal (scripts must pass `--yes`).
    public static func confirm(_ question: String) throws -> Bool {
        guard let answer = ask(question + " Type yes to continue: ", maxLength: 64) else { throw CommandLineError.noTerminalToConfirm }
        return answer.lowercased() == "yes"
    }

    /// Writes `prompt` and reads one line (at most `maxLength` bytes), trimmed of surrounding
    /// white space; nil when there is no terminal to ask on.
    public static func ask(_ prompt: String, maxLength: Int) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < maxLength, Glibc.read(fd, &byte, 1) == 1, byte != 0x0a { line.append(byte) }
        var answer = Substring(String(decoding: line, as: UTF8.self))
        while let c = answer.first, c.isWhitespace { answer.removeFirst() }
        while let c = answer.last, c.isWhitespace { answer.removeLast() }
        return String(answer)
    }
}
