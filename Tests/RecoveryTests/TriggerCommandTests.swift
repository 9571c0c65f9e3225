import Foundation
import LightningPeer
import LightningPeerTesting
import LightningWire
import Recovery
import Secp256k1
import Testing
import TestSupport
import LightningTypes

/// `casa-recover trigger-force-close` as a real subprocess against simulated peers on loopback.
@Suite struct TriggerCommandTests {
    @Test func asksEveryPeerAndReportsWhatEachDid() async throws {
        let f = try TriggerFixtures([("lnd", .lnd), ("cln", .cln), ("ignoresDLP", .ignoresDataLoss), ("silent", .silent), ("gone", nil)])
        let result = try await f.run(["--backup", f.backup, "--network", "regtest", "--yes", "--json"])
        #expect(result.status == 75, "\(result.stderr)")

        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["channels"])
        #expect(result.stdout.split(separator: "\n").count == 1)
        let channels = try #require(object["channels"] as? [[String: Any]])
        let byChannel = Dictionary(uniqueKeysWithValues: channels.compactMap { c in (c["channel"] as? String).map { ($0, c) } })
        func report(_ name: String) throws -> [String: Any] {
            let point = try #require(f.peers[name]).channelPoint.description
            return try #require(byChannel[point])
        }
        #expect(channels.count == 5)
        for c in channels {
            #expect(Set(c.keys).isSuperset(of: ["channel", "channel_id", "peer", "outcome", "advice", "steps"]))
        }
        #expect(try report("lnd")["outcome"] as? String == "errorReceived")
        #expect(try report("lnd")["peer_message"] as? String == "sync error")
        #expect(try report("lnd")["channel_id"] as? String == f.peers["lnd"]?.channelID.description)
        #expect(try report("cln")["outcome"] as? String == "warningReceived")
        #expect(try report("silent")["outcome"] as? String == "silent")
        // Drill 7's peer: ignores the data-loss reestablish, closes on the error without a word.
        #expect(try report("ignoresDLP")["outcome"] as? String == "silent")
        #expect(try report("gone")["outcome"] as? String == "unreachable")
        #expect(try report("lnd")["peer"] as? String == f.peers["lnd"]?.nodeID.description)
        let steps = try #require(try report("silent")["steps"] as? [[String: Any]])
        #expect(steps.map { $0["kind"] as? String } == ["reestablish", "error"])
        #expect(steps.allSatisfy { $0["message_sent"] as? Bool == true })

        // What the peers did: lnd closed on the reestablish, CLN and drill 7's peer on the error, the silent one kept it.
        #expect(try await !f.stillOpen("lnd"))
        #expect(try await !f.stillOpen("cln"))
        #expect(try await !f.stillOpen("ignoresDLP"))
        #expect(try await f.stillOpen("silent"))
        // They were contacted as our node (family 6 of vector A's seed), never as anyone else.
        let ours = try f.ourNodeID()
        let seen = f.connections.all
        #expect(seen.count == 8)
        #expect(seen.allSatisfy { $0 == ours })
        // Progress goes to stderr, one line per step, naming the channel.
        #expect(result.stderr.contains("[\(f.peers["silent"]!.channelPoint)] sent channel_reestablish"))
    }

    @Test func everyPeerReactingExitsZeroWithATable() async throws {
        let f = try TriggerFixtures([("lnd", .lnd), ("other", .silent)])
        let lnd = try #require(f.peers["lnd"])
        // Only one channel of the backup, reached through --peer instead of the backup address.
        let result = try await f.run(["--backup", f.backup, "--channel-point", lnd.channelPoint.description,
                                "--peer", "\(lnd.nodeID)@\(lnd.address)", "--yes"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("every peer reacted"))
        #expect(result.stdout.contains(lnd.channelPoint.description))
        #expect(result.stdout.contains("errorReceived"))
        #expect(result.stdout.contains("\"sync error\""))
        #expect(!result.stdout.contains(f.peers["other"]!.channelPoint.description))
        #expect(try await !f.stillOpen("lnd"))
        #expect(try await f.stillOpen("other"))
    }

    @Test func oneChannelPointWithoutBackupUsesThePeerFlag() async throws {
        let f = try TriggerFixtures([("cln", .cln)])
        let cln = try #require(f.peers["cln"])
        let result = try await f.run(["--channel-point", cln.channelPoint.description, "--peer", "\(cln.nodeID)@\(cln.address)",
                                "--network", "regtest", "--yes", "--json", "--reestablish-form", "full"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.count == 1)
        #expect(channels.first?["outcome"] as? String == "warningReceived")
        #expect(try await !f.stillOpen("cln"))
        #expect(f.connections.all.allSatisfy { (try? f.ourNodeID()) == $0 })
    }

    /// --socks: through a real SOCKS5 server (microsocks), with the peer named by a host name that
    /// only the proxy resolves (SOCKS5h, as for .onion).
    @Test func socksProxyCarriesTheTrigger() async throws {
        let f = try TriggerFixtures([("lnd", .lnd)])
        let lnd = try #require(f.peers["lnd"])
        let port = LoopbackPort.unused()
        let proxy = try ChildProcess(program: "microsocks", ["-i", "127.0.0.1", "-p", String(port)])
        defer { proxy.stop() }
        #expect(await LoopbackPort.waitUntilAccepting(port))
        let result = try await f.run(["--backup", f.backup, "--socks", "127.0.0.1:\(port)", "--peer", "\(lnd.nodeID)@localhost:\(lnd.address.port)",
                                "--yes", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("SOCKS5 proxy 127.0.0.1:\(port)"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let report = try #require((object["channels"] as? [[String: Any]])?.first)
        #expect(report["outcome"] as? String == "errorReceived")
        #expect((report["steps"] as? [[String: Any]])?.first?["address"] as? String == "localhost:\(lnd.address.port)")
        #expect(try await !f.stillOpen("lnd"))
    }

    @Test func dryRunConnectsToNobody() async throws {
        let f = try TriggerFixtures([("lnd", .lnd), ("silent", .silent)])
        let text = try await f.run(["--backup", f.backup, "--dry-run"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Dry run"))
        #expect(text.stdout.contains(try f.ourNodeID().description))
        #expect(text.stdout.contains(f.peers["lnd"]!.address.description))
        #expect(text.stdout.contains("channel_reestablish channel=\(f.peers["lnd"]!.channelID) next_commitment=0 next_revocation=0"))

        let json = try await f.run(["--backup", f.backup, "--dry-run", "--json", "--tor"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["dry_run"] as? Bool == true)
        #expect(object["route"] as? String == "SOCKS5 proxy 127.0.0.1:9050")
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.count == 2)
        #expect(channels.allSatisfy { ($0["messages"] as? [String])?.count == 2 })

        #expect(f.connections.all.isEmpty)
        #expect(f.peers.values.allSatisfy { $0.node?.openChannels.contains($0.channelID) == true })
    }

    @Test func withoutYesAndWithoutTerminalNothingIsSent() async throws {
        let f = try TriggerFixtures([("lnd", .lnd)])
        let result = try await f.run(["--backup", f.backup])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--yes"))
        #expect(result.stdout.isEmpty)
        #expect(f.connections.all.isEmpty)
        #expect(f.peers["lnd"]?.node?.openChannels.count == 1)
    }

    @Test func mistakesGetClearErrorsAndExitCodes() async throws {
        let f = try TriggerFixtures([("lnd", .lnd)])
        let lnd = try #require(f.peers["lnd"])
        let unknown = try await f.run(["--backup", f.backup, "--channel-point", String(repeating: "ab", count: 32) + ":7", "--yes"])
        #expect(unknown.status == 70)
        #expect(unknown.stderr.contains(lnd.channelPoint.description))

        let stranger = try PrivateKey.generate().publicKey
        let strayPeer = try await f.run(["--backup", f.backup, "--peer", "\(stranger)@127.0.0.1:9735", "--yes"])
        #expect(strayPeer.status == 64)
        #expect(strayPeer.stderr.contains("not a peer of any channel"))

        let badPeer = try await f.run(["--channel-point", lnd.channelPoint.description, "--peer", "127.0.0.1:9735", "--yes"])
        #expect(badPeer.status == 64)
        #expect(badPeer.stderr.contains("node id"))

        let noPeer = try await f.run(["--channel-point", lnd.channelPoint.description, "--yes"])
        #expect(noPeer.status == 64)
        #expect(noPeer.stderr.contains("--peer"))

        let badPoint = try await f.run(["--channel-point", "nope", "--peer", "\(lnd.nodeID)@\(lnd.address)", "--yes"])
        #expect(badPoint.status == 64)
        #expect(badPoint.stderr.contains("txid"))

        let other = try f.files.words("abandon kangaroo tribe spell brass entry argue buzz muffin total rug title autumn wish use bubble alarm rent machine hockey fork slam gaze tobacco\n")
        let wrongSeed = try await ProcessRunner.run("casa-recover", ["trigger-force-close", "--backup", f.backup, "--yes", "--words-file", other])
        #expect(wrongSeed.status == 68)
        #expect(f.connections.all.isEmpty)
    }
}

