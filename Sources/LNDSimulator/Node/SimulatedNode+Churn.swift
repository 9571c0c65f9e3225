import LightningTypes

/// Load for benchmarks (benchmarks/agent-idle.sh): many backup updates without the cost of
/// real opens and closes, whose closed channels pile up in the database and slow every later
/// control call.
extension SimulatedNode {
    /// Sends `count` updates to every SubscribeChannelBackups stream, alternating between the
    /// channels as they are and the same plus one pending channel that exists only for the
    /// update (a copy of an open channel under a new funding txid; never stored, not on the
    /// chain). Each update differs from the one before it; nothing accumulates.
    public func churnBackups(count: Int) throws -> Int {
        guard walletState == .serverActive else { throw ControlError("the node is \(walletState.name); unlock it first") }
        guard var extra = database.channels.first(where: \.isInOpenBucket) else {
            throw ControlError("open a channel first: the churn copies one")
        }
        extra.fundingTxid = randomTxid()
        extra.phase = .pendingOpen
        database.channels.append(extra)
        let withExtra = Result { try backupSnapshot() }
        database.channels.removeLast()
        let updates = [try withExtra.get(), try backupSnapshot()]
        for index in 0..<count {
            for continuation in streams.backups.values { continuation.yield(updates[index % 2]) }
        }
        return count
    }
}
