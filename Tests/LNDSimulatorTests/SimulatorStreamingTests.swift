import BackupCore
import Foundation
import Testing
@testable import LNDSimulator
import LightningTypes

@Suite("Server streams: NDJSON {\"result\":…} lines over chunked HTTPS")
struct SimulatorStreamingTests {
    @Test("SubscribeState sends the current state first, then every change; a restart cuts it")
    func subscribeState() async throws {
        try await SimulatorHarness.with { harness in
            let stream = try await harness.stream("/v1/state/subscribe", macaroon: nil)
            defer { stream.close() }
            #expect(try await stream.next()?["result"]?["state"] == .string("NON_EXISTING"))
            try await harness.initWallet()
            #expect(try await stream.next()?["result"]?["state"] == .string("UNLOCKED"))
            #expect(try await stream.next()?["result"]?["state"] == .string("RPC_ACTIVE"))
            #expect(try await stream.next()?["result"]?["state"] == .string("SERVER_ACTIVE"))
            try await harness.simulator.restart()
            #expect(try await stream.next() == nil, "the stream ends when lnd goes down")
            let again = try await harness.stream("/v1/state/subscribe", macaroon: nil)
            defer { again.close() }
            #expect(try await again.next()?["result"]?["state"] == .string("LOCKED"))
        }
    }

    @Test("SubscribeChannelBackups sends nothing at subscribe time, then a full snapshot per channel event")
    func subscribeBackups() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            _ = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let stream = try await harness.stream("/v1/channels/backup/subscribe", macaroon: harness.adminMacaroon)
            defer { stream.close() }
            try await harness.waitForBackupSubscribers()
            var request = SimulatedNode.OpenRequest()
            request.pending = true
            let second = try await harness.node.openChannel(request)
            // The first line is the PendingOpen event, not a snapshot at subscribe time.
            let pendingLine = try #require(try await stream.next())
            let points = pendingLine["result"]?["multi_chan_backup"]?["chan_points"]?.arrayValue ?? []
            #expect(points.count == 2)
            let key = try await harness.scbKey()
            let blob = Array(Data(base64Encoded: pendingLine["result"]?["multi_chan_backup"]?["multi_chan_backup"]?.stringValue ?? "") ?? Data())
            let multi = try LNDBackupCrypto.openMulti(blob: blob, key: key)
            #expect(multi.singles.contains { $0.fundingOutpoint.description == second.channelPoint && $0.shortChannelID.txIndex == 0 })
            await harness.node.mine(1)
            let openLine = try #require(try await stream.next())
            let openBlob = Array(Data(base64Encoded: openLine["result"]?["multi_chan_backup"]?["multi_chan_backup"]?.stringValue ?? "") ?? Data())
            let opened = try LNDBackupCrypto.openMulti(blob: openBlob, key: key)
            #expect(opened.singles.first { $0.fundingOutpoint.description == second.channelPoint }?.shortChannelID.txIndex != 0)
            _ = try await harness.node.peerCloses(channelPoint: second.channelPoint, cooperative: true)
            await harness.node.mine(3)
            let closedLine = try #require(try await stream.next())
            #expect(closedLine["result"]?["multi_chan_backup"]?["chan_points"]?.arrayValue?.count == 1)
        }
    }
}
