import Foundation
import LightningPeer
import LightningPeerTesting
import LightningWire
import Secp256k1
import Sodium
import Synchronization
import Testing
import Codecs
import LightningTypes

/// The trigger against in-process simulated peers that react like lnd, CLN, a peer ignoring
/// data-loss protection, and a silent one; plus unreachable peers and wrong node ids.
@Suite struct ForceCloseTriggerTests {
    static let channel = try! ChannelID(bytes: Hex.decode(TestKeys.channelIDHex)!)

    /// Far longer than a loopback answer takes; an answer ends the wait early, so only steps
    /// the peer does not answer (whose outcome does not depend on it) use the whole window.
    static let answerWindow = Duration.seconds(3)

    static func run(_ behaviour: SimulatedPeer.Behaviour, options: ForceCloseTrigger.Options = .init(listen: answerWindow),
                    peerKey: PrivateKey? = nil) throws -> (ChannelTriggerReport, SimulatedPeer, EventLog<SimulatedPeer.Event>) {
        let events = EventLog<SimulatedPeer.Event>()
        let node = try SimulatedPeer(nodeKey: peerKey ?? PrivateKey.generate(), behaviour: behaviour, channels: [channel], onEvent: events.append)
        node.start()
        defer { node.stop() }
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: node.nodeID, addresses: [node.address])
        let report = try ForceCloseTrigger(nodeKey: TestKeys.ourNode(), options: options).run(request)
        // The trigger hung up after its last message; let the peer read up to that end before it
        // stops (on a loaded machine it could still be behind, and lose what tests look for).
        _ = try events.waitFor(timeout: .seconds(5)) {
            switch $0 { case .disconnected, .connectionFailed: true; default: false }
        }
        return (report, node, events)
    }

    static func forceClosed(_ events: EventLog<SimulatedPeer.Event>) throws -> Bool {
        try events.waitFor(timeout: .seconds(5)) { if case .forceClosed(let id, _) = $0 { return id == channel }; return false }
    }

    @Test func lndClosesOnTheReestablish() throws {
        let (report, node, events) = try Self.run(.lnd)
        #expect(report.outcome == .errorReceived)
        #expect(report.peerMessage == "sync error")
        #expect(report.steps[0].received.map(\.type) == [MessageType.channelReestablish, MessageType.error])
        #expect(report.steps[0].ending == .peerAnswered)
        #expect(try Self.forceClosed(events))
        #expect(node.openChannels.isEmpty)
    }

    @Test func clnWarnsThenClosesOnTheError() throws {
        let (report, _, events) = try Self.run(.cln)
        #expect(report.outcome == .warningReceived)
        #expect(report.steps[0].received.first?.text == "bad reestablish revocation_number: 0 vs 1")
        #expect(try Self.forceClosed(events))
    }

    /// Drill 7's peer: ignores the reestablish; only our error closes the channel.
    @Test func peerIgnoringDataLossClosesOnTheError() throws {
        let (report, _, events) = try Self.run(.ignoresDataLoss, options: .init(listen: .milliseconds(300)))
        #expect(report.outcome == .silent)
        #expect(report.steps.map(\.messageSent) == [true, true])
        #expect(try Self.forceClosed(events))
        let reasons = events.all.compactMap { if case .forceClosed(_, let r) = $0 { return r }; return nil }
        #expect(reasons == ["peer sent error \"\""])
    }

    @Test func hangUpIsReportedAsDisconnected() throws {
        let behaviour = SimulatedPeer.Behaviour(onDataLossReestablish: SimulatedPeer.Reaction(forceClose: true, disconnect: true),
                                                onError: SimulatedPeer.Reaction(disconnect: true))
        let (report, _, _) = try Self.run(behaviour)
        #expect(report.outcome == .disconnected)
        #expect(report.steps.allSatisfy { $0.ending == .peerDisconnected })
    }

    @Test func withDataLossFieldsSendsThe113ByteForm() throws {
        let (_, _, events) = try Self.run(.silent, options: .init(listen: .milliseconds(200), reestablishForm: .withDataLossFields))
        #expect(try events.waitFor { if case .received(_, .error) = $0 { return true }; return false })
        let sent = events.all.compactMap { e -> ChannelReestablish? in
            if case .received(_, .channelReestablish(let m)) = e { return m }
            return nil
        }
        #expect(sent.count == 1)
        #expect(sent.first?.dataLossProtect?.myCurrentPerCommitmentPoint == .generator)
        #expect(sent.first?.encodedPayload().count == ChannelReestablish.fullPayloadByteCount)
    }

    final class CountingChecker: FundingSpendChecker {
        let calls = Atomic<Int>(0)
        let spentAfter: Int
        init(spentAfter: Int) { self.spentAfter = spentAfter }
        func isFundingSpent(_ request: ForceCloseRequest) -> Bool? {
            calls.add(1, ordering: .relaxed).newValue > spentAfter
        }
    }

    @Test func spendCheckerConfirmsAndLimitsRetries() throws {
        let never = CountingChecker(spentAfter: 100)
        let (report, _, _) = try Self.run(.silent, options: .init(listen: .milliseconds(100), errorRetries: 2, retryPause: .milliseconds(10), spendChecker: never))
        #expect(report.steps.map(\.kind) == [.reestablish, .error, .error, .error])
        #expect(report.outcome == .silent)

        let soon = CountingChecker(spentAfter: 2)
        let (closed, _, _) = try Self.run(.silent, options: .init(listen: .milliseconds(100), errorRetries: 5, retryPause: .milliseconds(10), spendChecker: soon))
        #expect(closed.outcome == .forceCloseConfirmed)
        #expect(closed.steps.map(\.kind) == [.reestablish, .error, .error])
    }

    @Test func unknownChannelGetsAdvice() throws {
        let node = try SimulatedPeer(nodeKey: PrivateKey.generate(), behaviour: .cln, channels: [])
        node.start()
        defer { node.stop() }
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: node.nodeID, addresses: [node.address])
        let report = try ForceCloseTrigger(nodeKey: TestKeys.ourNode(), options: .init(listen: Self.answerWindow)).run(request)
        #expect(report.outcome == .errorReceived)
        #expect(report.peerMessage?.contains("unknown channel") == true)  // Recovery's advice reads it (TriggerParseTests)
    }

    @Test func closedPortIsUnreachable() throws {
        let probe = try TCPListener()
        let port = probe.port
        probe.close()
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: PrivateKey.generate().publicKey,
                                            addresses: [PeerAddress(host: "127.0.0.1", port: port)])
        let report = try ForceCloseTrigger(nodeKey: TestKeys.ourNode()).run(request)
        #expect(report.outcome == .unreachable)
        #expect(report.steps.allSatisfy { !$0.reachedPeer && $0.ending == .notConnected })
    }

    @Test func noAddressIsUnreachableWithAdvice() throws {
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: PrivateKey.generate().publicKey, addresses: [])
        let report = try ForceCloseTrigger(nodeKey: TestKeys.ourNode()).run(request)
        #expect(report.outcome == .unreachable)
        #expect(report.steps[0].problem?.contains("--peer") == true)
    }

    /// A peer at the address with another node id hangs up on act one: "failed", not "unreachable".
    @Test func wrongNodeIDFailsTheHandshake() throws {
        let node = try SimulatedPeer(nodeKey: PrivateKey.generate(), behaviour: .lnd, channels: [Self.channel])
        node.start()
        defer { node.stop() }
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: PrivateKey.generate().publicKey,
                                            addresses: [node.address])
        let report = try ForceCloseTrigger(nodeKey: TestKeys.ourNode(), options: .init(timeouts: PeerTimeouts(handshake: .seconds(10)))).run(request)
        #expect(report.outcome == .failed)
        #expect(report.steps[0].failedAttempts.first?.contains("node id does not match") == true)
    }

    /// A dead first address is skipped; the one that worked is tried first for the error.
    @Test func fallsBackToTheNextAddress() throws {
        let probe = try TCPListener()
        let dead = PeerAddress(host: "127.0.0.1", port: probe.port)
        probe.close()
        let node = try SimulatedPeer(nodeKey: PrivateKey.generate(), behaviour: .silent, channels: [Self.channel])
        node.start()
        defer { node.stop() }
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: node.nodeID,
                                            addresses: [dead, PeerAddress(host: "abc.onion"), node.address])
        let report = try ForceCloseTrigger(nodeKey: TestKeys.ourNode(), options: .init(listen: .milliseconds(100))).run(request)
        #expect(report.steps[0].failedAttempts.count == 1)
        #expect(report.steps[1].failedAttempts.isEmpty)
        #expect(report.steps.allSatisfy { $0.address == node.address.description })
    }

    @Test func reportEncodesAsJSON() throws {
        let (report, _, _) = try Self.run(.lnd)
        let json = try JSONEncoder().encode(report)
        let back = try JSONDecoder().decode(ChannelTriggerReport.self, from: json)
        #expect(back == report)
        #expect(String(decoding: json, as: UTF8.self).contains("\"outcome\":\"errorReceived\""))
    }

    @Test func asyncRunMatches() async throws {
        let node = try SimulatedPeer(nodeKey: PrivateKey.generate(), behaviour: .lnd, channels: [Self.channel])
        node.start()
        defer { node.stop() }
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: node.nodeID, addresses: [node.address])
        let reports = await ForceCloseTrigger(nodeKey: try TestKeys.ourNode(), options: .init(listen: Self.answerWindow)).run([request])
        #expect(reports.map(\.outcome) == [.errorReceived])
    }
}
