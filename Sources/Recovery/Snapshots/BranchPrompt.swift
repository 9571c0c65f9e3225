import CommandLineSupport

/// `restore` on a forked history, with a person at the terminal: shows the branches and asks
/// which one to restore (docs/recover-cli.md "Which snapshot is newest"). Without a terminal
/// nothing is asked and `pick` refuses with exit 76, so scripts must say `--branch N`.
public enum BranchPrompt {
    /// The choice to use: the branch the person typed, or `choice` unchanged.
    public static func resolve(_ listing: SnapshotListing, _ choice: SnapshotChoice) throws -> SnapshotChoice {
        guard choice == .newest, listing.branches.count > 1 else { return choice }
        let question = "Your backups have \(listing.branches.count) branches: two devices (or a copy of a disk) saved snapshots at the same time.\n  "
            + listing.branches.map(\.line).joined(separator: "\n  ")
            + "\nRestore the branch whose channels your node really had. Which branch (1-\(listing.branches.count), Enter to stop)? "
        guard let answer = TerminalPrompt.ask(question, maxLength: 16) else { return choice }
        guard !answer.isEmpty else { throw RecoveryError.declined }
        return .branch(answer)
    }
}
