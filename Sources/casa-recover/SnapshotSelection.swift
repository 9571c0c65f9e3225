import ArgumentParser
import Recovery

/// Which snapshot fetch, verify and restore take: the newest (default), `--snapshot N`, or the
/// newest of one branch when the history forked (`--branch N`).
struct SnapshotSelection: ParsableArguments {
    @Option(name: .customLong("snapshot"), help: "The snapshot to take: a vault version or a local file's sequence (see `list`). Default: the newest.")
    var version: UInt64?

    @Option(help: ArgumentHelp(
        "When the history forked (two writers at once; `list` shows the branches): take the newest snapshot of this branch, by its number or the first characters of its writer ID.",
        valueName: "n"))
    var branch: String?

    func validate() throws {
        if version != nil && branch != nil { throw ValidationError("give either --snapshot or --branch, not both") }
    }

    var choice: SnapshotChoice { SnapshotChoice(snapshot: version, branch: branch) }
    var given: Bool { version != nil || branch != nil }
}
