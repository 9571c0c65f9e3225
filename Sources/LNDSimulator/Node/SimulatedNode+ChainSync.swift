import Foundation
import LightningTypes

/// D8: between RPC_ACTIVE and SERVER_ACTIVE the wallet syncs with the chain.
extension SimulatedNode {
    /// The seed's birthday in the simulated chain: the height every world starts at.
    static let birthdayHeight: UInt32 = SimulatedWorld().height

    /// Starts the catch-up from the height the wallet last synced to (kept in channel.db), or
    /// from the birthday for a wallet restored from the words on a fresh node.
    func startChainSync() {
        let recorded = (try? ChannelDatabase.load(directory.channelDatabase))?.walletSyncedHeight
        chainSync = ChainSync(synced: min(recorded ?? Self.birthdayHeight, world.height))
    }

    /// One tick of the simulated clock (`seconds` long); true once the wallet is synced (or the
    /// start-up it belongs to is stale).
    func chainSyncTick(seconds: Double, generation expected: Int) -> Bool {
        guard generation == expected, var sync = chainSync else { return true }
        sync.advance(by: configuration.syncBlocksPerSecond * seconds, height: world.height)
        chainSync = sync
        return sync.synced >= world.height
    }

    /// Whether GetInfo says `synced_to_chain`.
    var isSyncedToChain: Bool {
        guard walletState.startupOrder < WalletState.serverActive.startupOrder, let chainSync else { return true }
        return chainSync.synced >= world.height
    }

    /// `lnd-sim sync N`: the wallet scans N more blocks at once.
    public func advanceChainSync(blocks: UInt32) -> JSONValue {
        if var sync = chainSync {
            sync.advance(by: Double(blocks), height: world.height)
            chainSync = sync
        }
        return chainSyncStatus
    }

    /// The wallet's sync for `status`: where it is, how far the chain is.
    var chainSyncStatus: JSONValue {
        .object([
            ("syncing", .bool(!isSyncedToChain)),
            ("synced_height", .uint32(isSyncedToChain ? world.height : chainSync?.synced ?? world.height)),
            ("chain_height", .uint32(world.height)),
            ("blocks_per_second", .double(configuration.syncBlocksPerSecond)),
        ])
    }

    /// The server is up: the wallet is synced to the chain, and stays so.
    func recordWalletSynced() {
        chainSync = nil
        if database.walletSyncedHeight != world.height {
            database.walletSyncedHeight = world.height
            saveDatabase()
        }
    }
}
