import BackupCore
import Foundation
import LNDClient
import LNDSimulator
import SeedKit
import Sodium
import Testing
import Codecs
import LightningTypes

@Suite("casa's LNDClient (libcurl) finds and talks to the simulator like to lnd")
struct LNDClientAgainstSimulatorTests {
    @Test("discovery from the lnd dir, the agent's least-privilege macaroon, keys, snapshots, streams")
    func agentFlow() async throws {
        try await SimulatorHarness.with(configuration: { root in
            SimulatorConfiguration(
                lndDirectory: root, adminPort: nil,
                autoUnlockPassword: try? SecureBytes(copying: Array(SimulatorHarness.password.utf8)),
                seedWords: SimulatorHarness.vectorAMnemonic,
                aezeedPassphrase: Array(SimulatorHarness.vectorAPassphrase.utf8), startupStepDelay: .milliseconds(10))
        }) { harness in
            try await harness.waitFor(.serverActive)
            let permissions = AgentMacaroon.uris.map { LNDSimulator.MacaroonOperation("uri", $0) }
            let macaroon = try await harness.node.bakeForControl(permissions)
            let macaroonPath = harness.directory.chainDirectory.appendingPathComponent(LNDDiscovery.preferredMacaroonName)
            FileManager.default.createFile(atPath: macaroonPath.path, contents: Data(macaroon), attributes: [.posixPermissions: 0o600])

            let discovery = try LNDDiscovery(LNDDiscovery.Options(lndDir: harness.directory.root.path))
            #expect(discovery.network == .regtest)
            #expect(discovery.warnings.isEmpty, "a URI-scoped macaroon needs no warning: \(discovery.warnings)")
            let client = try LNDClient(discovery.connection)

            #expect(try await client.getState() == .serverActive)
            #expect(try await client.getInfo().identityPubkey == "03b755f6efcd3816a2de3360932b6e80801f11c9fe25c5c4453ca27d06d8b620ae")
            let key = try await client.deriveSharedKey(ephemeralPublicKey: PublicKeyConstants.generator, keyLocator: .backupEncryption)
            #expect(Hex.encode(key.unsafeCopy()) == "3511033a9808c4d75acbb2478b56cf7f4d20046f42499fe384ec17c62bce41b6")

            // Like lnd behind grpc-gateway, the stream sends no response head before its first
            // message, so subscribing returns only once a channel event happened: subscribe in a
            // task, wait until the node has the stream, then open the channel.
            let subscribing = Task { try await client.subscribeChannelBackups() }
            try await harness.waitForBackupSubscribers()
            let channel = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let subscription = try await subscribing.value
            var updates = subscription.makeAsyncIterator()
            let pendingSnapshot = try #require(try await updates.next())
            let multi = try #require(pendingSnapshot.multi)
            #expect(try LNDBackupCrypto.openMulti(blob: multi.backup, key: key).singles.map(\.fundingOutpoint.description) == [channel.channelPoint])
            let exported = try await client.exportAllChannelBackups()
            #expect(exported.singles.count == 1)
            #expect(try await client.verify(multi: exported.multi?.backup ?? []) == [channel.channelPoint])
            subscription.cancel()
            // The agent's macaroon cannot restore or close (least privilege).
            await #expect(throws: (any Error).self) { _ = try await client.restoreChannelBackups(multi: multi.backup) }
        }
    }
}

extension LNDClientAgainstSimulatorTests {
    @Test("ClosedChannels and ListPeers' addresses decode as the restore path reads them")
    func closedChannelsAndPeerAddresses() async throws {
        try await SimulatorHarness.with { harness in
            try await harness.initWallet()
            let channel = try await harness.node.openChannel(SimulatedNode.OpenRequest())
            let peer = try #require(await harness.node.peers().first)
            let admin = harness.directory.chainDirectory.appendingPathComponent("admin.macaroon")
            let client = try LNDClient(try LNDDiscovery(LNDDiscovery.Options(lndDir: harness.directory.root.path, macaroonPath: admin.path)).connection)
            #expect(try await client.listPeerAddresses() == [peer.pubkey: peer.host])
            #expect(try await client.closedChannels().isEmpty)
            let txid = try await harness.node.peerCloses(channelPoint: channel.channelPoint, cooperative: false)
            await harness.node.mine(4)
            let closed = try await client.closedChannels()
            #expect(closed.map(\.channelPoint) == [channel.channelPoint])
            #expect(closed.first?.closingTxHash == txid)
            #expect(closed.first?.closeType.rawValue == "REMOTE_FORCE_CLOSE")
            #expect(closed.first?.remotePubkey == peer.pubkey)
        }
    }
}
