import Foundation
import LightningPeer
import LightningWire
import Secp256k1
import SeedKit
import Sodium
import Testing
@testable import LNDSimulator
import Codecs
import LightningTypes

/// The world's peers are real BOLT 8 listeners: `ForceCloseTrigger` (what `casa-recover
/// trigger-force-close` runs) talks to them over loopback, and the force closes they decide
/// appear on the simulated chain.
@Suite("Simulated peers listen for real Lightning connections")
struct PeerListenerTests {
    /// Our node's key (family 6) and a request for `channel` at the peer's current address.
    func makeTrigger(_ harness: SimulatorHarness, _ channel: SimulatedChannel) async throws -> (ForceCloseTrigger, ForceCloseRequest) {
        let key = try #require(await harness.node.keys).privateKey(.nodeIdentity)
        let peer = try #require(await harness.node.peers().first { $0.pubkey == channel.remotePubkey })
        let request = try ForceCloseRequest(
            channelPoint: ChannelPoint(parsing: channel.channelPoint), peer: PublicKey(bytes: try #require(Hex.decode(peer.pubkey))),
            addresses: [PeerAddress(parsing: peer.host)])
        return (ForceCloseTrigger(nodeKey: key, options: .init(listen: .milliseconds(700))), request)
    }

    /// A node with one channel to a new peer (claiming `implementation`, else lnd).
    func nodeWithChannel(_ harness: SimulatorHarness, implementation: String? = nil) async throws -> SimulatedChannel {
        try await harness.initWallet()
        var open = SimulatedNode.OpenRequest()
        if let implementation {
            open.peer = try await harness.node.createPeer(alias: nil, implementation: implementation, host: nil).pubkey
        }
        return try await harness.node.openChannel(open)
    }

    /// The spend of the channel's funding output, waiting (bounded) for it: the peer decides the
    /// close on its connection thread and tells the node through a task.
    func closingTxid(_ harness: SimulatorHarness, _ channel: SimulatedChannel) async throws -> String? {
        for _ in 0..<500 {
            if let txid = await harness.node.world.fundingOutputs[channel.channelPoint]?.spendingTxid { return txid }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    @Test("a silent peer (drill 7) keeps the channel on the data-loss reestablish and closes it on error")
    func silentPeerClosesOnError() async throws {
        try await SimulatorHarness.with { harness in
            let channel = try await nodeWithChannel(harness)
            let peer = try await harness.node.updatePeer(channel.remotePubkey, silent: true)
            #expect(await harness.node.listeningPeers == [peer.pubkey])
            let (trigger, request) = try await makeTrigger(harness, channel)
            let report = try #require(await trigger.run([request]).first)
            #expect(report.outcome == .silent, "the peer closes without answering: \(report)")
            #expect(report.steps.map(\.reachedPeer) == [true, true])
            let txid = try await closingTxid(harness, channel)
            #expect(txid?.count == 64, "the peer broadcast its commitment")
            // lnd sees the peer's commitment only 3 blocks deep: the channel is still listed open.
            let open = try await harness.ok("GET", "/v1/channels")["channels"]?.arrayValue ?? []
            #expect(open.map { $0["channel_point"]?.stringValue } == [channel.channelPoint])
            await harness.node.mine(3)
            let forceClosing = try await harness.ok("GET", "/v1/channels/pending")["pending_force_closing_channels"]?.arrayValue ?? []
            #expect(forceClosing.first?["closing_txid"]?.stringValue == txid)
            await harness.node.mine(1)
            #expect(await harness.node.database.channels.first?.phase == .closed)
        }
    }

    @Test("an lnd peer force-closes on the data-loss reestablish and answers \"sync error\"")
    func lndPeerClosesOnReestablish() async throws {
        try await SimulatorHarness.with { harness in
            let channel = try await nodeWithChannel(harness)
            let (trigger, request) = try await makeTrigger(harness, channel)
            let report = try #require(await trigger.run([request]).first)
            #expect(report.outcome == .errorReceived)
            #expect(report.peerMessage == "sync error")
        }
    }

    @Test("a CLN peer warns on the reestablish and closes on error")
    func clnPeer() async throws {
        try await SimulatorHarness.with { harness in
            let channel = try await nodeWithChannel(harness, implementation: "cln v24.08")
            let (trigger, request) = try await makeTrigger(harness, channel)
            let report = try #require(await trigger.run([request]).first)
            #expect(report.outcome == .warningReceived)
            #expect(try await closingTxid(harness, channel)?.count == 64)
        }
    }

    @Test("an offline peer stops listening; a moved peer listens at its new address only")
    func offlineAndMoved() async throws {
        try await SimulatorHarness.with { harness in
            let channel = try await nodeWithChannel(harness)
            let (trigger, request) = try await makeTrigger(harness, channel)
            _ = try await harness.node.updatePeer(channel.remotePubkey, online: false)
            #expect(await harness.node.listeningPeers.isEmpty)
            #expect(await trigger.run([request]).first?.outcome == .unreachable)
            _ = try await harness.node.updatePeer(channel.remotePubkey, online: true)
            let port = try #require(PeerListenerSet.freeLoopbackPort())
            _ = try await harness.node.updatePeer(channel.remotePubkey, host: "127.0.0.1:\(port)")
            #expect(await harness.node.listeningPeers == [channel.remotePubkey])
            #expect(await trigger.run([request]).first?.outcome == .unreachable, "nothing listens at the old address")
            let (_, moved) = try await makeTrigger(harness, channel)
            #expect(moved.addresses == [PeerAddress(host: "127.0.0.1", port: UInt16(port))])
            #expect(await trigger.run([moved]).first?.outcome == .errorReceived)
        }
    }

    @Test("the listeners stop with the simulator")
    func stopWithSimulator() async throws {
        var address: PeerAddress?
        try await SimulatorHarness.with { harness in
            let channel = try await nodeWithChannel(harness)
            address = try await makeTrigger(harness, channel).1.addresses.first
        }
        let (host, port) = try (#require(address?.host), #require(address?.port))
        // The port is free again: nothing listens there any more.
        let listener = try TCPListener(host: host, port: port)
        listener.close()
    }
}
