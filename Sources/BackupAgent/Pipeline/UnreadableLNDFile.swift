/// lnd's channel.backup on disk does not open with lnd's key (damaged, or another node's file).
/// lnd then refuses to start ("unable to refresh backup file: unable to extract on disk
/// encrypted SCB", lnd chanbackup/pubsub.go:255-263, server.go:2619-2622) and cannot update the
/// file while it runs, so the agent names the file and the runbook step that fixes it (D7).
public struct UnreadableLNDFile: Sendable, Codable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var warning: String {
        "lnd's \(path) does not open with lnd's key (\(reason)): lnd refuses to start with it and cannot update it. "
            + "Fix (recovery/corrupt-channel-backup.md): stop lnd, move the file aside (mv \(path) \(path).corrupt), "
            + "start lnd: it writes a fresh one from its channel database. The snapshots already stored are not affected"
    }
}
