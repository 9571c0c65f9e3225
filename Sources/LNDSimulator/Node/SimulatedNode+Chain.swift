import Foundation
import Logging
import Sodium

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
        syncWithChain()
    }

    /// Applies what the chain says to the channel database: spends of funding outputs become
    /// waiting-close channels, confirmed spends close them (or start the time lock of our own
    /// force close), matured force closes become fully resolved.
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
                if let confirmed = channel.closeConfirmHeight, world.height >= confirmed + UInt32(channel.localCSVDelay) {
                    database.channels[index].phase = .closed
                    saveDatabase()
                    channelEvent(.fullyResolved, channelPoint: point)
                }
                continue
            }
            guard let output = world.fundingOutputs[point], let spendingTxid = output.spendingTxid else { continue }
            if channel.closingTxid == nil || channel.phase != .waitingClose {
                database.channels[index].phase = .waitingClose
                database.channels[index].closingTxid = spendingTxid
                database.channels[index].closeKind = output.spentBy ?? .remoteForce
                saveDatabase()
            }
            guard let confirmed = output.spendConfirmedHeight else { continue }
            let kind = database.channels[index].closeKind ?? .remoteForce
            database.channels[index].closeConfirmHeight = confirmed
            if kind == .localForce && !channel.isRestored {
                database.channels[index].phase = .pendingForceClose
            } else {
                database.channels[index].phase = .closed
            }
            saveDatabase()
            finishCloseStreams(channelPoint: point, closingTxid: spendingTxid, channel: database.channels[index])
            channelEvent(.closed(kind), channelPoint: point)
            if database.channels[index].phase == .pendingForceClose,
               world.height >= confirmed + UInt32(channel.localCSVDelay) {
                database.channels[index].phase = .closed
                saveDatabase()
                channelEvent(.fullyResolved, channelPoint: point)
            }
        }
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
