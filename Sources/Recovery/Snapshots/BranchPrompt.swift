import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `restore` on a forked history, with a person at the terminal: shows the branches and asks
/// which one to restore (docs/recover-cli.md "Which snapshot is newest"). Without a terminal
/// nothing is asked and `pick` refuses with exit 76, so scripts must say `--branch N`.
public enum BranchPrompt {
    /// The choice to use: the branch the person typed, or `choice` unchanged.
    public static func resolve(_ listing: SnapshotListing, _ choice: SnapshotChoice) throws -> SnapshotChoice {
        guard choice == .newest, listing.branches.count > 1 else { return choice }
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return choice }
        defer { close(fd) }
        let question = "Your backups have \(listing.branches.count) branches: two devices (or a copy of a disk) saved snapshots at the same time.\n  "
            + listing.branches.map(\.line).joined(separator: "\n  ")
            + "\nRestore the branch whose channels your node really had. Which branch (1-\(listing.branches.count), Enter to stop)? "
        _ = question.withCString { Glibc.write(fd, $0, strlen($0)) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 16, Glibc.read(fd, &byte, 1) == 1, byte != 0x0a { line.append(byte) }
        let answer = String(decoding: line, as: UTF8.self).trimmingWhitespace()
        guard !answer.isEmpty else { throw RecoveryError.declined }
        return .branch(answer)
    }
}
