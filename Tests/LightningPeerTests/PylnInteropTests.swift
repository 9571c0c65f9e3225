import Foundation
import LightningPeer
import LightningPeerTesting
import LightningWire
import Secp256k1
import Sodium
import Testing
import Codecs
import LightningTypes

/// Interop against pyln-proto (Core Lightning's Python implementation) as a real subprocess.
@Suite(.serialized) struct PylnInteropTests {
    static func trigger(listen: Duration = .milliseconds(500), route: ConnectionRoute = .direct) throws -> ForceCloseTrigger {
        try ForceCloseTrigger(nodeKey: TestKeys.ourNode(), options: .init(route: route, timeouts: PeerTimeouts(connect: .seconds(10)), listen: listen))
    }

    static func request(port: UInt16, nodeID: String, host: String = "127.0.0.1") throws -> ForceCloseRequest {
        try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: PublicKey(bytes: Hex.decode(nodeID)!),
                              addresses: [PeerAddress(host: host, port: port)])
    }

    /// The trigger sequence as pyln sees it: two connections from our node id; init with our
    /// features, then chantools' 48-byte reestablish; init, then the 34-byte error.
    @Test func triggerSequenceReachesPyln() throws {
        let (peer, port, nodeID) = try PylnPeer.listen(key: TestKeys.peerNodeSecret, arguments: ["--connections", "2"])
        let report = try Self.trigger().run(Self.request(port: port, nodeID: nodeID))
        let done = try peer.waitForEvent("done")

        let conns = done["connections"] as? [[String: Any]] ?? []
        #expect(conns.count == 2)
        for c in conns { #expect(c["peer_id"] as? String == Hex.encode(try TestKeys.ourNode().publicKey.compressed)) }
        let first = PylnPeer.messages(done, connection: 0), second = PylnPeer.messages(done, connection: 1)
        #expect(first.map(\.type) == [16, 136])
        #expect(first.first?.payload == "0000000620000002a202")
        #expect(first.last?.payload == TestKeys.channelIDHex + String(repeating: "0", count: 32))
        #expect(second.map(\.type) == [16, 17])
        #expect(second.last?.payload == TestKeys.channelIDHex + "0000")

        #expect(report.outcome == .silent)
        #expect(report.steps.map(\.kind) == [.reestablish, .error])
        #expect(report.steps.allSatisfy { $0.messageSent && $0.ending == .listenedUntilTimeout })
        #expect(report.channel == TestKeys.channelPoint)
    }

    @Test func errorFromPylnIsReported() throws {
        let (peer, port, nodeID) = try PylnPeer.listen(key: TestKeys.peerNodeSecret, arguments: [
            "--connections", "2", "--on-reestablish", "error", "--reestablish-text", "sync error", "--on-error", "warning",
        ])
        let report = try Self.trigger(listen: .seconds(20)).run(Self.request(port: port, nodeID: nodeID))
        _ = try peer.waitForEvent("done")
        #expect(report.outcome == .errorReceived)
        #expect(report.peerMessage == "sync error")
        #expect(report.steps[0].received.first?.concernsThisChannel == true)
    }

    @Test func warningAndHangUpFromPylnAreReported() throws {
        let (peer, port, nodeID) = try PylnPeer.listen(key: TestKeys.peerNodeSecret, arguments: [
            "--connections", "2", "--on-reestablish", "warning", "--reestablish-text", "bad reestablish revocation_number: 0 vs 1",
            "--on-error", "close",
        ])
        let report = try Self.trigger(listen: .seconds(20)).run(Self.request(port: port, nodeID: nodeID))
        _ = try peer.waitForEvent("done")
        #expect(report.outcome == .warningReceived)
        #expect(report.peerMessage == "bad reestablish revocation_number: 0 vs 1")
        #expect(report.steps[1].ending == .peerDisconnected)
    }

    /// 600 ping/pong round trips: both directions cross a key rotation (every 500 messages).
    @Test func pingPongAcrossKeyRotation() throws {
        let (peer, port, nodeID) = try PylnPeer.listen(key: TestKeys.peerNodeSecret)
        let connection = try PeerConnection.connect(to: PublicKey(bytes: Hex.decode(nodeID)!), at: PeerAddress(host: "127.0.0.1", port: port),
                                                    localKey: TestKeys.ourNode())
        let theirs = try connection.exchangeInit()
        #expect(theirs.features == .minimalPeer)
        for i in 0..<600 {
            let n = UInt16(i % 50)
            try connection.send(.ping(Ping(pongByteCount: n, ignored: [UInt8](repeating: 7, count: i % 9))))
            let answer = try connection.receive(deadline: .now + .seconds(10))
            #expect(answer == .pong(Pong(ignored: [UInt8](repeating: 0, count: Int(n)))))
        }
        connection.close()
        let done = try peer.waitForEvent("done")
        #expect(PylnPeer.messages(done, connection: 0).count == 601)
    }

    /// pyln as the initiator against our responder (the simulated lnd): init, ping/pong, then
    /// our reestablish with data loss makes the simulated lnd answer "sync error" and close.
    @Test func pylnDialsOurResponder() throws {
        let channel = try ChannelID(bytes: Hex.decode(TestKeys.channelIDHex)!)
        let events = EventLog<SimulatedPeer.Event>()
        let node = try SimulatedPeer(nodeKey: TestKeys.peerNode(), behaviour: .lnd, channels: [channel], onEvent: events.append)
        node.start()
        defer { node.stop() }
        let dialer = try PylnPeer.start([
            PylnPeer.script, "dial", "--key", Hex.encode(TestKeys.ourNodeSecret), "--node-id", Hex.encode(node.nodeID.compressed),
            "--port", String(node.address.port), "--channel-id", TestKeys.channelIDHex, "--replies", "2",
        ])
        let done = try dialer.waitForEvent("done")
        let got = (done["messages"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? Int }
        // The simulated lnd sends its own reestablish right after init, before it reads the ping.
        #expect(got == [16, 136, 19, 17], "pyln got \(done)")
        let pong = (done["messages"] as? [[String: Any]])?[2]["payload"] as? String
        #expect(pong == "0005" + "0000000000")
        let errorPayload = (done["messages"] as? [[String: Any]])?[3]["payload"] as? String
        #expect(errorPayload == TestKeys.channelIDHex + "000a" + Hex.encode(Array("sync error".utf8)))
        #expect(try events.waitFor { if case .forceClosed(let id, _) = $0 { return id == channel }; return false })
        #expect(node.openChannels.isEmpty)
    }
}
