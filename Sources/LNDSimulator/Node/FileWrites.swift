/// The node's file writes, held back while a batch of state changes runs (one RPC, one block,
/// one peer event), so that a restore of n channels writes each file once instead of n times
/// (a real lnd inserts all shells of one RestoreChannelBackups call in one bbolt transaction).
struct FileWrites {
    /// The files, in the order a batch writes them: the chain (outside the node) first, then the
    /// node's channel database, then `channel.backup`, which lnd derives from the database.
    enum File: CaseIterable {
        case world, channelDatabase, channelBackup
    }

    /// Nesting depth of the running batches; writes happen when the outermost one ends.
    var depth = 0
    var pending: Set<File> = []
    /// Writes done so far, per file (tests check the batching with these).
    var counts: [File: Int] = [:]
}
