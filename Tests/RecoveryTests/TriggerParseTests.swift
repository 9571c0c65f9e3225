import ArgumentParser
@testable import casa_recover
import CommandLineSupport
import Foundation
import LightningPeer
import Recovery
import Secp256k1
import SeedKit
import Testing
import LightningTypes

/// `trigger-force-close` argument parsing and the Recovery types behind it; nothing connects.
@Suite struct TriggerParseTests {
    static let generator = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
    static let point = String(repeating: "ab", count: 32) + ":1"

    func parse(_ arguments: [String]) throws -> CasaRecover.TriggerForceClose {
        try #require(try CasaRecover.parseAsRoot(["trigger-force-close"] + arguments) as? CasaRecover.TriggerForceClose)
    }

    @Test func defaults() throws {
        let command = try parse(["--backup", "cb"])
        #expect(command.backup == "cb" && command.channelPoint == nil && command.peers.isEmpty)
        #expect(!command.dryRun && !command.yes && !command.json && !command.tor)
        #expect(command.listenSeconds == 5)
        #expect(command.reestablishForm == .chantools)
        #expect(try command.peerRoute.route() == .direct)
    }

    @Test func everyOption() throws {
        let command = try parse(["--channel-point", Self.point, "--peer", "\(Self.generator)@[::1]:9736", "--peer", "\(Self.generator)@node.example",
                                 "--network", "signet", "--socks", "127.0.0.1:1080", "--reestablish-form", "full", "--listen", "9",
                                 "--dry-run", "--yes", "--json", "--rootkey-file", "rk"])
        #expect(command.peers.count == 2)
        #expect(command.network == .signet)
        #expect(try command.peerRoute.route() == .socks5(proxy: PeerAddress(host: "127.0.0.1", port: 1080)))
        #expect(command.flow.reestablishWithDataLossFields)
        #expect(command.listenSeconds == 9 && command.dryRun && command.yes && command.json)
        #expect(command.seed.rootKeyFile == "rk")
        #expect(try parse(["--backup", "cb", "--tor"]).peerRoute.route() == .tor)
    }

    @Test func rejectsIncompleteOrContradictoryFlags() {
        let bad: [[String]] = [
            [],                                                     // no channels named
            ["--channel-point", Self.point],                        // no peer for a lone channel point
            ["--backup", "cb", "--tor", "--socks", "h:1"],          // two routes
            ["--backup", "cb", "--listen", "0"],
            ["--backup", "cb", "--peer", "127.0.0.1:9735"],         // no node id
            ["--backup", "cb", "--peer", "02ab@127.0.0.1:9735"],    // not a key
            ["--backup", "cb", "--peer", "\(Self.generator)@host:99999"],
            ["--backup", "cb", "--socks", "host:0"],
            ["--backup", "cb", "--reestablish-form", "long"],
            ["--backup", "cb", "--words-file", "w", "--rootkey-file", "r"],
        ]
        for arguments in bad {
            #expect(throws: (any Error).self, "\(arguments)") { _ = try parse(arguments) }
        }
    }

    @Test func peerOverrideParsing() throws {
        let peer = try TriggerPeerOverride(parsing: Self.generator.uppercased() + "@10.0.0.2")
        #expect(peer.node.description == Self.generator)
        #expect(peer.address == PeerAddress(host: "10.0.0.2", port: 9735))
        #expect(throws: TriggerError.self) { try TriggerPeerOverride(parsing: "@10.0.0.2:9735") }
    }

    @Test func aLoneChannelPointNeedsOneNode() throws {
        let a = try TriggerPeerOverride(parsing: "\(Self.generator)@10.0.0.2:9735")
        let b = try TriggerPeerOverride(parsing: "\(Self.generator)@x.onion:9735")
        let requests = try TriggerTargets.single(channelPoint: Self.point, overrides: [a, b])
        #expect(requests.count == 1)
        #expect(requests.first?.addresses == [a.address, b.address])
        #expect(requests.first?.label == Self.point)
        #expect(throws: TriggerError.peerNeeded) { try TriggerTargets.single(channelPoint: Self.point, overrides: []) }
        let other = try TriggerPeerOverride(parsing: "\(try PrivateKey.generate().publicKey)@10.0.0.3")
        #expect(throws: TriggerError.self) { try TriggerTargets.single(channelPoint: Self.point, overrides: [a, other]) }
        #expect(throws: TriggerError.self) { try TriggerTargets.single(channelPoint: "abc:1", overrides: [a]) }
    }

    /// The advice LightningPeer's report no longer carries: from the outcome and the peer's words.
    @Test func adviceFollowsTheOutcomeAndThePeersWords() throws {
        func report(_ outcome: String, _ message: String?) throws -> ChannelTriggerReport {
            let text = message.map { #","peerMessage":"\#($0)""# } ?? ""
            let json = #"{"channel":"c","channelID":"i","peer":"p","outcome":"\#(outcome)","steps":[]\#(text)}"#
            return try JSONDecoder().decode(ChannelTriggerReport.self, from: Data(json.utf8))
        }
        #expect(try report("errorReceived", "bad reestablish msg for unknown channel").advice.contains("does not know this channel"))
        #expect(try report("errorReceived", "Recovery required").advice.contains("lost its state too"))
        #expect(try report("errorReceived", nil).advice.contains("broadcasts its commitment"))
        #expect(try report("unreachable", nil).advice.contains("--tor or --socks"))
        let encoded = try TriggerReport(channels: [report("silent", nil)]).json()
        #expect(encoded.contains(#""advice":"The peer accepted the messages without answering."#))
        #expect(encoded.contains(#""channel_id":"i""#))
    }

    @Test func confirmationQuestionStatesTheRisks() {
        let question = TriggerConfirmation.question(channels: 3)
        #expect(question.contains("FORCE-CLOSE"))
        #expect(question.contains("lost its channel state"))
        #expect(question.contains("never while the old node may still be running"))
        #expect(RecoveryError.confirmationNeeded.exitStatus == .usage)
    }
}
