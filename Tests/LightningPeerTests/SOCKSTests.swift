import Foundation
import LightningPeer
import LightningPeerTesting
import LightningWire
import Secp256k1
import Sodium
import Synchronization
import Testing
import TestSupport
import Codecs
import LightningTypes

@Suite(.serialized) struct SOCKSTests {
    /// The whole trigger through a real SOCKS5 server (microsocks) to the pyln peer, with the
    /// peer named by a domain name that only the proxy resolves (SOCKS5h), as for .onion.
    @Test func triggerThroughMicrosocksToPyln() async throws {
        let proxy = try await MicrosocksProcess()
        defer { proxy.stop() }
        let proxyAddress = PeerAddress(host: "127.0.0.1", port: UInt16(proxy.port))
        let (peer, port, nodeID) = try PylnPeer.listen(key: TestKeys.peerNodeSecret, arguments: [
            "--connections", "2", "--on-reestablish", "warning", "--on-error", "error",
        ])
        let trigger = try ForceCloseTrigger(nodeKey: TestKeys.ourNode(), options: .init(
            route: .socks5(proxy: proxyAddress), timeouts: PeerTimeouts(connect: .seconds(10)), listen: .seconds(20)))
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: PublicKey(bytes: Hex.decode(nodeID)!),
                                            addresses: [PeerAddress(host: "localhost", port: port)])
        let report = trigger.run(request)
        let done = try peer.waitForEvent("done")
        #expect(PylnPeer.messages(done, connection: 0).map(\.type) == [16, 136])
        #expect(PylnPeer.messages(done, connection: 1).map(\.type) == [16, 17])
        #expect(report.outcome == .errorReceived)
        #expect(report.steps.map(\.ending) == [.peerAnswered, .peerAnswered])
        #expect(report.steps.allSatisfy { $0.address == "localhost:\(port)" })
    }

    /// pyln dials our responder through microsocks (its own SOCKS client), by domain name.
    @Test func pylnReachesOurResponderThroughMicrosocks() async throws {
        let proxy = try await MicrosocksProcess()
        defer { proxy.stop() }
        let proxyAddress = PeerAddress(host: "127.0.0.1", port: UInt16(proxy.port))
        let channel = try ChannelID(bytes: Hex.decode(TestKeys.channelIDHex)!)
        let node = try SimulatedPeer(nodeKey: TestKeys.peerNode(), behaviour: .cln, channels: [channel])
        node.start()
        defer { node.stop() }
        let dialer = try PylnPeer.start([
            PylnPeer.script, "dial", "--key", Hex.encode(TestKeys.ourNodeSecret), "--node-id", Hex.encode(node.nodeID.compressed),
            "--host", "localhost", "--port", String(node.address.port), "--socks", proxyAddress.description,
            "--channel-id", TestKeys.channelIDHex, "--replies", "1",
        ])
        let done = try dialer.waitForEvent("done")
        let types = (done["messages"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? Int }
        #expect(types == [16, 19, 1], "pyln got \(done)")
    }

    @Test func refusedTargetGivesAClearSOCKSError() async throws {
        let proxy = try await MicrosocksProcess()
        defer { proxy.stop() }
        let proxyAddress = PeerAddress(host: "127.0.0.1", port: UInt16(proxy.port))
        let closed = try TCPListener(host: "127.0.0.1", port: 0)
        let port = closed.port
        closed.close()
        #expect {
            _ = try SOCKS5Client.connect(proxy: proxyAddress, target: PeerAddress(host: "127.0.0.1", port: port), deadline: .now + .seconds(10))
        } throws: { error in
            guard case .socks(let text) = error as? PeerError else { return false }
            return text.contains("cannot reach")
        }
    }

    /// A scripted proxy checks the exact request bytes: address type 3 (domain name), so a
    /// .onion name goes to the proxy unresolved; and reply code 4 becomes a readable error.
    @Test func onionNamesAreSentAsDomainNames() throws {
        let fake = try TCPListener(host: "127.0.0.1", port: 0)
        defer { fake.close() }
        let seen = Mutex<[UInt8]>([])
        let onion = "vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd.onion"
        let server = Thread { [fake] in
            guard let s = try? fake.accept(deadline: .now + .seconds(10)) else { return }
            defer { s.close() }
            guard let greeting = try? s.read(exactly: 3, deadline: .now + .seconds(5), what: "socks") else { return }
            try? s.write([0x05, 0x00], deadline: .now + .seconds(5))
            guard let head = try? s.read(exactly: 5, deadline: .now + .seconds(5), what: "socks"),
                  let rest = try? s.read(exactly: Int(head[4]) + 2, deadline: .now + .seconds(5), what: "socks") else { return }
            seen.withLock { $0 = greeting + head + rest }
            try? s.write([0x05, 0x04, 0x00, 0x01, 0, 0, 0, 0, 0, 0], deadline: .now + .seconds(5))
        }
        server.start()
        #expect {
            _ = try SOCKS5Client.connect(proxy: PeerAddress(host: "127.0.0.1", port: fake.port), target: PeerAddress(host: onion, port: 9735),
                                         deadline: .now + .seconds(10))
        } throws: { error in
            guard case .socks(let text) = error as? PeerError else { return false }
            return text.contains("host unreachable")
        }
        let request = seen.withLock { $0 }
        #expect(request == [0x05, 0x01, 0x00] + [0x05, 0x01, 0x00, 0x03, UInt8(onion.utf8.count)] + Array(onion.utf8) + [0x26, 0x07])
    }

    @Test func onionWithoutProxyIsUnreachableWithAdvice() throws {
        let trigger = try ForceCloseTrigger(nodeKey: TestKeys.ourNode())
        let request = try ForceCloseRequest(channelPoint: ChannelPoint(parsing: TestKeys.channelPoint), peer: TestKeys.peerNode().publicKey,
                                            addresses: [PeerAddress(host: "abc.onion", port: 9735)])
        let report = trigger.run(request)
        #expect(report.outcome == .unreachable)
        #expect(report.steps[0].failedAttempts.first?.contains("--tor") == true)
    }
}
