import Foundation
@testable import LNDClient
import Sodium
import Testing
import LightningTypes

@Suite("lnd JSON models")
struct ModelDecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: LNDClientFixtures.message(name))
    }

    @Test("GetInfo: strings, numbers, int64 strings; unknown fields ignored")
    func getInfo() throws {
        let info = try decode(NodeInfo.self, "getinfo")
        #expect(info.identityPubkey == "03b755f6efcd3816a2de3360932b6e80801f11c9fe25c5c4453ca27d06d8b620ae")
        #expect(info.blockHeight == 850123)
        #expect(info.bestHeaderTimestamp == 1732540000)
        #expect(info.chains == [try JSONDecoder().decode(NodeInfo.Chain.self, from: Data(#"{"chain":"bitcoin","network":"regtest"}"#.utf8))])
        #expect(info.syncedToChain)
    }

    @Test("ListChannels: uint64 chan_id up to 2^64-1, enums by name")
    func listChannels() throws {
        let channels = try decode(ChannelList.self, "listchannels").channels
        #expect(channels.count == 2)
        #expect(channels[0].chanID == 934580509311270912)
        #expect(channels[1].chanID == UInt64.max)
        #expect(channels[0].capacity == 1_000_000)
        #expect(channels[1].commitmentType.rawValue == "TAPROOT")
        let point = try channels[0].outpoint()
        #expect(point.displayTxid == "a3c2f0e6b1d4c5a6978877665544332211ffeeddccbbaa998877665544332211")
        #expect(point.outputIndex == 0)
    }

    @Test("PendingChannels: the three lists and restored channels with zero balances")
    func pendingChannels() throws {
        let pending = try decode(PendingChannels.self, "pendingchannels")
        #expect(pending.totalLimboBalance == 12345)
        #expect(pending.pendingOpen.count == 1)
        #expect(pending.pendingForceClosing.first?.limboBalance == 12345)
        let restored = try #require(pending.waitingClose.first?.channel)
        #expect(restored.chanStatusFlags == "ChanStatusRestored")
        #expect(restored.localBalance == 0)
        #expect(restored.initiator.rawValue == "INITIATOR_LOCAL")
    }

    @Test("backup snapshot: funding_txid_bytes are internal order, display order is reversed")
    func snapshot() throws {
        let snapshot = try decode(ChannelBackupSnapshot.self, "chanbackupsnapshot")
        #expect(snapshot.singles.count == 2)
        let multi = try #require(snapshot.multi)
        #expect(multi.backup.count == 514)
        #expect(multi.channelPoints.map(\.description) == [
            "a3c2f0e6b1d4c5a6978877665544332211ffeeddccbbaa998877665544332211:0",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0:1",
        ])
        #expect(snapshot.singles[0].channelPoint.txidInternal.first == 0x11)
        #expect(snapshot.singles[1].backup == [UInt8](repeating: 0xa5, count: 133))
        // Round trip: what we send back (verify, restore) is what lnd sent.
        let again = try JSONDecoder().decode(ChannelBackupSnapshot.self, from: JSONEncoder().encode(snapshot))
        #expect(again == snapshot)
    }

    @Test("a channel point given as funding_txid_str equals the same point given as bytes")
    func channelPointSpellings() throws {
        let fromString = try JSONDecoder().decode(ChannelPoint.self, from: Data(
            #"{"funding_txid_str":"a3c2f0e6b1d4c5a6978877665544332211ffeeddccbbaa998877665544332211","output_index":0}"#.utf8))
        let snapshot = try decode(ChannelBackupSnapshot.self, "chanbackupsnapshot")
        #expect(fromString == snapshot.singles[0].channelPoint)
        #expect(throws: LightningValueError.self) { try ChannelPoint(parsing: "nothex:1") }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(ChannelPoint.self, from: Data(#"{"funding_txid_bytes":"AAAA"}"#.utf8)) }
    }

    @Test("lenient input: URL-safe unpadded base64, numbers for int64, enum numbers, missing fields")
    func lenientInput() throws {
        let json = #"{"chan_points":[{"funding_txid_bytes":"\#(Base64.encode([UInt8](repeating: 0xfb, count: 32)).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))","output_index":"3"}],"multi_chan_backup":"-_8"}"#
        let multi = try JSONDecoder().decode(MultiChannelBackup.self, from: Data(json.utf8))
        #expect(multi.backup == [0xfb, 0xff])
        #expect(multi.channelPoints.first?.outputIndex == 3)
        let channel = try JSONDecoder().decode(Channel.self, from: Data(#"{"capacity":5,"commitment_type":3,"chan_id":"18446744073709551615"}"#.utf8))
        #expect(channel.capacity == 5)
        #expect(channel.commitmentType.rawValue == "ANCHORS")
        #expect(channel.remotePubkey == "")
        #expect(try JSONDecoder().decode(WalletStateMessage.self, from: Data(#"{"state":4}"#.utf8)).state == .serverActive)
        #expect(try JSONDecoder().decode(WalletStateMessage.self, from: Data(#"{"state":"SOMETHING_NEW"}"#.utf8)).state == .unrecognized("SOMETHING_NEW"))
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Channel.self, from: Data(#"{"capacity":"lots"}"#.utf8)) }
    }

    @Test("close updates: pending and closed with display txids")
    func closeUpdates() throws {
        let pending = try decode(CloseStatusUpdate.self, "closestatus_pending")
        #expect(pending.displayTxid == "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0")
        guard case .closed(_, let success) = try decode(CloseStatusUpdate.self, "closestatus_closed") else {
            Issue.record("expected chan_close")
            return
        }
        #expect(success)
    }

    @Test("node info from the graph lists addresses")
    func nodeInfo() throws {
        let node = try decode(GraphNode.self, "nodeinfo")
        #expect(node.addresses.map(\.addr) == ["198.51.100.7:9735", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd.onion:9735"])
        #expect(node.totalCapacity == 50_000_000)
    }

    @Test("errors map to typed cases by lnd's messages")
    func errors() throws {
        let body = try Array(LNDClientFixtures.message("error_locked"))
        guard case .walletLocked = LNDClient.error(status: 500, body: body) else { Issue.record("expected walletLocked"); return }
        let streamError = Array(#"{"error":{"code":2,"message":"server is still in the process of starting","details":[]}}"#.utf8) + [0x0a]
        guard case .serverStarting = LNDClient.error(status: 500, body: streamError) else { Issue.record("expected serverStarting"); return }
        guard case .rpc(-1, _, 404) = LNDClient.error(status: 404, body: Array("Not Found".utf8)) else { Issue.record("expected rpc"); return }
        #expect(LNDError.walletLocked.isTransient)
        #expect(LNDError.walletLocked.description.contains("wallet locked, unlock it to enable full RPC access"))
    }
}
