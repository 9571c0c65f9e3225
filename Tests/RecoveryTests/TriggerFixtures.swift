import BackupCore
import Foundation
import LightningPeer
import LightningPeerTesting
import LightningWire
import Recovery
import Secp256k1
import SeedKit
import Sodium
import Synchronization
import Testing
import TestSupport
import Codecs
import LightningTypes

/// Simulated peers on loopback and a channel.backup (vector A's seed) whose channels point at them.
final class TriggerFixtures: Sendable {
    /// One simulated peer and the channel our node has with it.
    struct Peer: Sendable {
        let node: SimulatedPeer?
        let nodeID: PublicKey
        let address: PeerAddress
        let channelPoint: ChannelPoint
        let channelID: ChannelID
    }

    let files: RecoveryFixtures
    let peers: [String: Peer]
    let backup: String
    /// Every connection the simulated peers saw (node id of whoever connected).
    let connections = ConnectionLog()

    /// - Parameter behaviours: name → behaviour; nil means an address where nothing listens.
    init(_ behaviours: [(String, SimulatedPeer.Behaviour?)]) throws {
        files = try RecoveryFixtures()
        var peers: [String: Peer] = [:]
        var singles: [SingleBackup] = []
        let key = try SecureBytes(copying: try #require(Hex.decode(try files.vectorA.field("key"))))
        let template = try #require(try LNDBackupCrypto.openMulti(blob: files.vectorA.body, key: key).singles.first)
        for (index, (name, behaviour)) in behaviours.enumerated() {
            let txid = [UInt8](repeating: UInt8(index + 1), count: 31) + [0x42]
            let point = try ChannelPoint(txidInternal: txid, outputIndex: UInt32(index))
            let id = try ChannelID(channelPoint: point)
            let peer: Peer
            if let behaviour {
                let node = try SimulatedPeer(nodeKey: PrivateKey.generate(), behaviour: behaviour, channels: [id]) { [connections] event in
                    if case .connected(let who) = event { connections.append(who) }
                }
                node.start()
                peer = Peer(node: node, nodeID: node.nodeID, address: node.address, channelPoint: point, channelID: id)
            } else {
                peer = Peer(node: nil, nodeID: try PrivateKey.generate().publicKey,
                            address: PeerAddress(host: "127.0.0.1", port: UInt16(LoopbackPort.unused())), channelPoint: point, channelID: id)
            }
            peers[name] = peer
            var single = template
            single.fundingOutpoint = try ChannelPoint(txidInternal: txid, outputIndex: UInt32(index))
            single.remoteNodePublicKey = CompressedPublicKey(peer.nodeID)
            single.addresses = [NodeAddress.ipv4(address: [127, 0, 0, 1], port: peer.address.port)]
            singles.append(single)
        }
        self.peers = peers
        backup = try files.dir.write("trigger.backup", try LNDBackupCrypto.seal(MultiBackup(singles: singles), key: key))
    }

    deinit {
        for peer in peers.values { peer.node?.stop() }
    }

    /// vector A's node id (family 6, index 0, regtest): who the peers must see connecting.
    func ourNodeID() throws -> PublicKey {
        let seed = try SeedLoader(wordsFile: files.wordsA, passphraseFile: files.passphraseA).load()
        return try seed.keyRing(for: .regtest).publicKey(for: .nodeIdentity)
    }

    var seedArguments: [String] { ["--words-file", files.wordsA, "--passphrase-file", files.passphraseA] }

    func run(_ arguments: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run("casa-recover", ["trigger-force-close"] + arguments + seedArguments)
    }

    /// Whether the named peer still has its channel open, waiting (bounded) for it to close.
    func stillOpen(_ name: String) async throws -> Bool {
        let peer = try #require(peers[name])
        let node = try #require(peer.node)
        for _ in 0..<50 {
            if !node.openChannels.contains(peer.channelID) { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

/// Node ids of everyone who connected to the simulated peers, from their threads.
final class ConnectionLog: Sendable {
    private let seen = Mutex<[PublicKey]>([])
    func append(_ node: PublicKey) { seen.withLock { $0.append(node) } }
    var all: [PublicKey] { seen.withLock { $0 } }
}
