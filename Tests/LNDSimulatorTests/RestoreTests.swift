import BackupCore
import Foundation
import Testing
@testable import LNDSimulator
import SeedKit
import Sodium
import LightningTypes

@Suite("RestoreChannelBackups follows lnd's semantics (docs/lnd.md §3.3)")
struct RestoreTests {
    /// Opens channels with three peers, keeps channel.backup, then wipes the lnd directory and
    /// recreates the wallet from the same seed: the situation of a real recovery.
    func disaster(_ harness: SimulatorHarness) async throws -> (backup: [UInt8], peers: [RemoteNode], points: [String]) {
        try await harness.initWallet()
        var points: [String] = []
        for _ in 0..<3 { points.append(try await harness.node.openChannel(SimulatedNode.OpenRequest()).channelPoint) }
        let backup = harness.readFile(harness.directory.channelBackup)
        let peers = await harness.node.peers()
        _ = try await harness.simulator.delete(.all)
        #expect(await harness.node.walletState == .nonExisting)
        try await harness.initWallet()
        #expect(try await harness.ok("GET", "/v1/channels")["channels"] == .array([]))
        return (backup, peers, points)
    }

    func restore(_ harness: SimulatorHarness, _ backup: [UInt8]) async throws -> (status: Int, json: JSONValue) {
        try await harness.call("POST", "/v1/channels/backup/restore",
                               body: "{\"multi_chan_backup\":\"\(Data(backup).base64EncodedString())\"}", macaroon: harness.adminMacaroon)
    }

    func waitingClose(_ harness: SimulatorHarness) async throws -> [JSONValue] {
        try await harness.ok("GET", "/v1/channels/pending")["waiting_close_channels"]?.arrayValue ?? []
    }

    func forceClosing(_ harness: SimulatorHarness) async throws -> [JSONValue] {
        try await harness.ok("GET", "/v1/channels/pending")["pending_force_closing_channels"]?.arrayValue ?? []
    }

    /// The txid of the transaction spending the funding output on the simulated chain, if any.
    func spendingTxid(_ harness: SimulatorHarness, _ point: String) async -> String? {
        await harness.node.world.fundingOutputs[point]?.spendingTxid
    }

    @Test("shells wait with zero balances and no closing txid; lnd sees the peers' closes only 3 blocks deep; known outpoints are never restored again")
    func restoreAndRerun() async throws {
        try await SimulatorHarness.with { harness in
            let (backup, _, points) = try await disaster(harness)
            let (status, reply) = try await restore(harness, backup)
            #expect(status == 200)
            #expect(reply["num_restored"] == .integer(3))
            let waiting = try await waitingClose(harness)
            #expect(Set(waiting.compactMap { $0["channel"]?["channel_point"]?.stringValue }) == Set(points))
            for entry in waiting {
                #expect(entry["channel"]?["local_balance"] == .string("0"))
                #expect(entry["channel"]?["chan_status_flags"] == .string("ChanStatusRestored"))
                // The peer broadcast its commitment on the data-loss reestablish; lnd does not
                // watch the mempool (contractcourt/chain_watcher.go:823-852).
                #expect(entry["closing_txid"] == .string(""))
                #expect(entry["blocks_til_close_confirmed"] == .integer(3))
            }
            var txids: [String: String] = [:]
            for point in points { txids[point] = await spendingTxid(harness, point) }
            #expect(txids.values.allSatisfy { $0.count == 64 }, "every online peer force-closed")
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(0))
            await harness.node.mine(2)
            #expect(try await waitingClose(harness).map { $0["closing_txid"] } == [.string(""), .string(""), .string("")], "2 blocks deep: not yet")
            await harness.node.mine(1)
            #expect(try await waitingClose(harness).isEmpty)
            let pending = try await forceClosing(harness)
            #expect(Dictionary(uniqueKeysWithValues: pending.compactMap { entry -> (String, String)? in
                guard let point = entry["channel"]?["channel_point"]?.stringValue, let txid = entry["closing_txid"]?.stringValue else { return nil }
                return (point, txid)
            }) == txids, "3 blocks deep: pending force close with the peer's commitment txid")
            await harness.node.mine(1)
            #expect(try await forceClosing(harness).isEmpty)
            let closed = try await harness.ok("GET", "/v1/channels/closed")["channels"]?.arrayValue ?? []
            #expect(Dictionary(uniqueKeysWithValues: closed.compactMap { entry -> (String, String)? in
                guard let point = entry["channel_point"]?.stringValue, let txid = entry["closing_tx_hash"]?.stringValue else { return nil }
                return (point, txid)
            }) == txids, "swept: ClosedChannels lists them with the closing txid")
            // The outpoint index keeps closed channels (channeldb/channel.go:875-882): never restored again.
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(0))
            #expect(try await waitingClose(harness).isEmpty)
            // Restored (closed) channels cannot be closed by hand.
            let parts = points[0].split(separator: ":")
            #expect(try await harness.failure("DELETE", "/v1/channels/{channel_point.funding_txid_str}/{channel_point.output_index}",
                                              path: "/v1/channels/\(parts[0])/\(parts[1])?force=true", macaroon: harness.adminMacaroon)
                == "unable to find channel")
        }
    }

    @Test("an offline peer does not fail the restore; lnd keeps reconnecting and the close happens when it returns")
    func offlinePeer() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let channel = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let backup = harness.readFile(harness.directory.channelBackup)
            _ = try await harness.node.updatePeer(channel.remotePubkey, online: false)
            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet()
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(1))
            #expect(try await waitingClose(harness).first?["closing_txid"] == .string(""))
            _ = try await harness.node.updatePeer(channel.remotePubkey, online: true)
            #expect(await spendingTxid(harness, channel.channelPoint)?.count == 64, "the peer closed once it was back")
        }
    }

    @Test("a fresh node's graph is empty until it connected to a peer (D5); then a moved peer is found there and reached through ConnectPeer")
    func movedPeer() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let channel = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let other = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let backup = harness.readFile(harness.directory.channelBackup)
            _ = try await harness.simulator.delete(.all)
            _ = try await harness.node.updatePeer(channel.remotePubkey, host: "127.0.0.1:29999")
            _ = try await harness.node.updatePeer(other.remotePubkey, online: false)
            try await harness.initWallet()
            let lookup = "/v1/graph/node/\(channel.remotePubkey)"
            #expect(try await harness.failure("GET", "/v1/graph/node/{pub_key}", path: lookup, macaroon: harness.adminMacaroon, status: 404)
                == "unable to find node", "a fresh node knows no graph")
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(2))
            #expect(try await waitingClose(harness).map { $0["closing_txid"] } == [.string(""), .string("")])
            #expect(try await harness.failure("GET", "/v1/graph/node/{pub_key}", path: lookup, macaroon: harness.adminMacaroon, status: 404)
                == "unable to find node", "no peer connected yet: still no graph")
            // The other peer comes back at its backup address: lnd connects and gossip fills the graph.
            _ = try await harness.node.updatePeer(other.remotePubkey, online: true)
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(0))
            let info = try await harness.ok("GET", "/v1/graph/node/{pub_key}", path: lookup)
            let address = try #require(info["node"]?["addresses"]?.arrayValue?.first?["addr"]?.stringValue)
            #expect(address == "127.0.0.1:29999")
            #expect(await spendingTxid(harness, channel.channelPoint) == nil, "lnd never dialled the new address on its own")
            let connect = try await harness.ok("POST", "/v1/peers",
                                               body: "{\"addr\":{\"pubkey\":\"\(channel.remotePubkey)\",\"host\":\"\(address)\"},\"perm\":true}")
            #expect(connect["status"]?.stringValue?.contains("initiated") == true)
            #expect(await spendingTxid(harness, channel.channelPoint)?.count == 64, "the peer closed once reached")
            #expect(try await harness.failure("GET", "/v1/graph/node/{pub_key}", path: "/v1/graph/node/02\(String(repeating: "11", count: 32))",
                                              macaroon: harness.adminMacaroon, status: 404) == "unable to find node")
        }
    }

    @Test("a restore queues a connection to the first usable address only (D4); a restart dials every address")
    func firstAddressOnly() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let channel = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let key = try await harness.scbKey()
            var multi = try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key)
            let live = try #require(multi.singles[0].addresses.first)
            // A stale address first, the peer's real one second.
            multi.singles[0].addresses = [.ipv4(address: [127, 0, 0, 1], port: 29998), live]
            let blob = try LNDBackupCrypto.seal(multi, key: key)
            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet()
            #expect(try await restore(harness, blob).json["num_restored"] == .integer(1))
            #expect(await spendingTxid(harness, channel.channelPoint) == nil, "only 127.0.0.1:29998 was queued")
            #expect(try await harness.ok("GET", "/v1/peers")["peers"] == .array([]))
            try await harness.simulator.restart()
            try await harness.unlock()
            #expect(await spendingTxid(harness, channel.channelPoint)?.count == 64, "after a restart lnd dials the link node's addresses")
        }
    }

    @Test("a restored shell is re-exported with a legacy-format root lnd cannot restore again (D1); the original Single still restores")
    func reexportedShellsAreNotRestorable() async throws {
        try await SimulatorHarness.with { harness in
            let (backup, _, points) = try await disaster(harness)
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(3))
            let key = try await harness.scbKey()
            let exported = try await harness.ok("GET", "/v1/channels/backup")
            let blob = Array(Data(base64Encoded: exported["multi_chan_backup"]?["multi_chan_backup"]?.stringValue ?? "") ?? Data())
            let reexport = try LNDBackupCrypto.openMulti(blob: blob, key: key)
            #expect(Set(reexport.singles.map(\.fundingOutpoint.description)) == Set(points))
            #expect(reexport.singles.allSatisfy { $0.shachainRoot.legacyPublicKey != nil && $0.shachainRoot.locator == KeyLocator(.revocationRoot, index: 0) })
            let file = try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key)
            #expect(file.singles.allSatisfy { $0.shachainRoot.legacyPublicKey != nil }, "channel.backup holds the re-export too")

            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet()
            let (status, reply) = try await restore(harness, blob)
            #expect(status == 500)
            #expect(reply["message"] == .string("unable to unpack multi backup: could not derive private key for legacy channel revocation root format: unable to derive private key"))
            #expect(try await waitingClose(harness).isEmpty, "the first Single already failed")
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(3))
        }
    }

    @Test("a silent peer ignores the data-loss reestablish")
    func silentPeer() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let channel = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let backup = harness.readFile(harness.directory.channelBackup)
            _ = try await harness.node.updatePeer(channel.remotePubkey, silent: true)
            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet()
            #expect(try await restore(harness, backup).json["num_restored"] == .integer(1))
            #expect(try await waitingClose(harness).first?["closing_txid"] == .string(""))
            await harness.node.mine(6)
            #expect(try await waitingClose(harness).count == 1)
        }
    }

    @Test("a Single without a usable address aborts the loop; earlier shells stay")
    func noUsableAddress() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let key = try await harness.scbKey()
            var multi = try LNDBackupCrypto.openMulti(blob: harness.readFile(harness.directory.channelBackup), key: key)
            multi.singles[1].addresses = [.torV2(service: Array(repeating: 1, count: 10), port: 9735)]
            let first = multi.singles[0].fundingOutpoint.description
            let blob = try LNDBackupCrypto.seal(multi, key: key)
            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet()
            let (status, reply) = try await restore(harness, blob)
            #expect(status == 500)
            #expect(reply["message"] == .string("unable to unpack multi backup: unable to connect to peer \(multi.singles[1].remoteNodePublicKey.hex) for SCB restore"))
            let points = try await waitingClose(harness).compactMap { $0["channel"]?["channel_point"]?.stringValue }
            #expect(Set(points) == [first, multi.singles[1].fundingOutpoint.description])
        }
    }

    @Test("backups given to InitWallet are restored once the server is active")
    func restoreAtInit() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let backup = harness.readFile(harness.directory.channelBackup)
            _ = try await harness.simulator.delete(.all)
            try await harness.initWallet(extra: ",\"channel_backups\":{\"multi_chan_backup\":{\"multi_chan_backup\":\"\(Data(backup).base64EncodedString())\"}}")
            #expect(try await waitingClose(harness).count == 1)
        }
    }
}
