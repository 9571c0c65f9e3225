import BackupCore
import Foundation
import Testing
@testable import LNDSimulator

/// One RPC or one block changes many channels with one write per file (lnd inserts all shells
/// of a RestoreChannelBackups call in one database transaction), and the files on disk hold
/// every change of the batch.
@Suite("lnd-sim batches its file writes per request and per block")
struct BatchedWritesTests {
    static let channels = 12

    func counts(_ harness: SimulatorHarness) async -> [FileWrites.File: Int] { await harness.node.fileWrites.counts }

    func written(_ file: FileWrites.File, between before: [FileWrites.File: Int], and after: [FileWrites.File: Int]) -> Int {
        (after[file] ?? 0) - (before[file] ?? 0)
    }

    /// `channels` pending opens over two peers, confirmed by one block.
    func openAndConfirm(_ harness: SimulatorHarness) async throws -> [String] {
        let peers = [try await harness.node.createPeer(alias: "a", implementation: nil, host: nil).pubkey,
                     try await harness.node.createPeer(alias: "b", implementation: nil, host: nil).pubkey]
        var points: [String] = []
        for index in 0..<Self.channels {
            var request = SimulatedNode.OpenRequest()
            request.peer = peers[index % peers.count]
            request.pending = true
            points.append(try await harness.node.openChannel(request).channelPoint)
        }
        let before = await counts(harness)
        await harness.node.mine(1)
        let after = await counts(harness)
        #expect(written(.channelBackup, between: before, and: after) == 1, "one block confirming \(Self.channels) opens")
        #expect(written(.channelDatabase, between: before, and: after) == 1)
        #expect(written(.world, between: before, and: after) == 1)
        let file = try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: try await harness.scbKey())
        #expect(Set(file.singles.map(\.fundingOutpoint.description)) == Set(points))
        return points
    }

    @Test("a restore of N channels writes channel.db and the world once, holding all N shells and their closes")
    func restoreWritesOnce() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let points = try await openAndConfirm(harness)
            let backup = harness.readFile(harness.directory.channelBackup)
            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet()

            let before = await counts(harness)
            let reply = try await harness.ok("POST", "/v1/channels/backup/restore",
                                             body: "{\"multi_chan_backup\":\"\(Data(backup).base64EncodedString())\"}")
            #expect(reply["num_restored"] == .integer(Int64(Self.channels)))
            let after = await counts(harness)
            #expect(written(.channelDatabase, between: before, and: after) == 1)
            #expect(written(.world, between: before, and: after) == 1, "both peers force-close every shell in one world write")
            #expect(written(.channelBackup, between: before, and: after) <= 1)

            let database = try ChannelDatabase.load(harness.directory.channelDatabase)
            let shells = database.channels.filter(\.isRestored)
            #expect(Set(shells.map(\.channelPoint)) == Set(points))
            // lnd sees the peers' commitments only 3 blocks deep: no closing txid yet.
            #expect(shells.allSatisfy { $0.closingTxid == nil && $0.reestablishSent })
            let world = try JSONDecoder().decode(SimulatedWorld.self, from: Data(harness.readFile(harness.directory.worldFile)))
            #expect(points.allSatisfy { world.fundingOutputs[$0]?.spentBy == .remoteForce })
        }
    }

    @Test("a restore aborted by a Single without a usable address still writes the shells before it, once")
    func abortedRestoreKeepsEarlierShells() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            _ = try await openAndConfirm(harness)
            let key = try await harness.scbKey()
            var multi = try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key)
            let abortAt = Self.channels / 2
            multi.singles[abortAt].addresses = []
            let blob = try LNDBackupCrypto.seal(multi, key: key)
            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet()

            let before = await counts(harness)
            let status = try await harness.call("POST", "/v1/channels/backup/restore",
                                                body: "{\"multi_chan_backup\":\"\(Data(blob).base64EncodedString())\"}",
                                                macaroon: harness.adminMacaroon).status
            #expect(status == 500)
            #expect(written(.channelDatabase, between: before, and: await counts(harness)) == 1)
            let onDisk = try ChannelDatabase.load(harness.directory.channelDatabase).channels.filter(\.isRestored).map(\.channelPoint)
            #expect(Set(onDisk) == Set(multi.singles[...abortAt].map(\.fundingOutpoint.description)))
        }
    }
}
