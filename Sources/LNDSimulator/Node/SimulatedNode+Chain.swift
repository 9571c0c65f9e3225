import Foundation
import Logging
import Sodium
import LightningTypes

/// The node's view of the chain: confirmations of funding and closing transactions.
extension SimulatedNode {
    /// Mines `count` blocks in the simulated world and lets the node react.
    public func mine(_ count: UInt32) {
        holdWrites()
        defer { releaseWrites() }
        let firstNewBlock = world.height + 1
        world.height += count
        for (point, output) in world.fundingOutputs {
            if output.confirmedHeight == nil { world.fundingOutputs[point]?.confirmedHeight = firstNewBlock }
            if output.spendingTxid != nil && output.spendConfirmedHeight == nil {
                world.fundingOutputs[point]?.spendConfirmedHeight = firstNewBlock
            }
        }
        saveWorld()
        if walletState == .serverActive { recordWalletSynced() }
        syncWithChain()
    }

    /// Applies what the chain says to the channel database, as lnd's chain watcher does: a spend
    /// of a funding output is acted on only once it is `CloseConfirmations.required` blocks deep
    /// (contractcourt/chain_watcher.go:823-852), never in the mempool. Before that, a close lnd
    /// signed itself (ours, or a cooperative one) waits in waiting-close with its txid; a peer's
    /// force close is invisible: an open channel stays open, a restored shell stays in
    /// waiting-close with no closing txid. Then a cooperative close is closed, a force close is
    /// pending-force-closing (with the txid) until our output is swept: the block after for the
    /// peer's commitment, the CSV delay for ours.
    func syncWithChain() {
        holdWrites()
        defer { releaseWrites() }
        guard walletState == .serverActive else { return }
        for index in database.channels.indices {
            let channel = database.channels[index]
            guard channel.phase != .closed else { continue }
            let point = channel.channelPoint
            if channel.phase == .pendingOpen {
                guard let confirmed = world.fundingOutputs[point]?.confirmedHeight else { continue }
                let txIndex = UInt64(index % 0xff_ffff + 1)
                database.channels[index].shortChannelID = UInt64(confirmed) << 40 | txIndex << 16 | UInt64(channel.outputIndex)
                database.channels[index].phase = .open
                saveDatabase()
                channelEvent(.open, channelPoint: point)
            }
            if channel.phase == .pendingForceClose {
                resolveIfSwept(index)
                continue
            }
            guard let output = world.fundingOutputs[point], let spendingTxid = output.spendingTxid else { continue }
            let kind = output.spentBy ?? .remoteForce
            if kind != .remoteForce, channel.closingTxid == nil || channel.phase != .waitingClose {
                database.channels[index].phase = .waitingClose
                database.channels[index].closingTxid = spendingTxid
                database.channels[index].closeKind = kind
                saveDatabase()
            }
            guard let confirmed = output.spendConfirmedHeight else { continue }
            finishCloseStreams(channelPoint: point, closingTxid: spendingTxid, channel: database.channels[index])
            guard world.height + 1 >= confirmed + CloseConfirmations.required(capacity: channel.capacity) else { continue }
            database.channels[index].closingTxid = spendingTxid
            database.channels[index].closeKind = kind
            database.channels[index].closeConfirmHeight = confirmed
            database.channels[index].phase = kind == .cooperative ? .closed : .pendingForceClose
            saveDatabase()
            channelEvent(.closed(kind), channelPoint: point)
            if database.channels[index].phase == .pendingForceClose { resolveIfSwept(index) }
        }
    }

    /// The block a force-closed channel's funds are swept in: our commitment's output after its
    /// CSV delay; on the peer's commitment, our output is swept in the block after lnd acted.
    private func resolveIfSwept(_ index: Int) {
        let channel = database.channels[index]
        guard let confirmed = channel.closeConfirmHeight else { return }
        let sweptAt = channel.closeKind == .localForce
            ? confirmed + UInt32(channel.localCSVDelay)
            : confirmed + CloseConfirmations.required(capacity: channel.capacity)
        guard world.height >= sweptAt else { return }
        database.channels[index].phase = .closed
        saveDatabase()
        channelEvent(.fullyResolved, channelPoint: channel.channelPoint)
    }

    /// Broadcasts a spend of a channel's funding output in the simulated world.
    func broadcastClose(channelPoint: String, by kind: SimulatedChannel.CloseKind) -> String? {
        guard var output = world.fundingOutputs[channelPoint], output.isUnspent else { return nil }
        let txid = randomTxid()
        output.spendingTxid = txid
        output.spentBy = kind
        world.fundingOutputs[channelPoint] = output
        saveWorld()
        return txid
    }
}
