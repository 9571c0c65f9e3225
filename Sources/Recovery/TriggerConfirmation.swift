import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The question asked before `trigger-force-close` contacts anyone. It is asked only on an
/// interactive terminal (stdin a TTY and /dev/tty available); scripts must pass `--yes`.
public enum TriggerConfirmation {
    public static func question(channels: Int) -> String {
        """
        This asks the peer of each of these \(channels) channel\(channels == 1 ? "" : "s") to FORCE-CLOSE it. A force-close cannot be undone.
        Use it only for a node that lost its channel state (restored from the 24 words and a channel backup),
        and never while the old node may still be running: two nodes with one identity confuse peers and an old state is punished.
        Type yes to continue:\u{20}
        """
    }

    /// True only when the user types "yes".
    public static func ask(channels: Int) throws -> Bool {
        guard isatty(STDIN_FILENO) == 1 else { throw TriggerError.confirmationNeeded }
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw TriggerError.confirmationNeeded }
        defer { close(fd) }
        let prompt = question(channels: channels)
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 64, Glibc.read(fd, &byte, 1) == 1, byte != 0x0a { line.append(byte) }
        return String(decoding: line, as: UTF8.self).trimmingWhitespace().lowercased() == "yes"
    }
}
