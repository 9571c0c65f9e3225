import BackupCore
import Foundation
import Secp256k1
import SeedKit
import Sodium
import Codecs
import LightningTypes

/// Generated channels for the tests: real SCB Singles that encode and decode.
enum AgentFixtures {
    static func key(_ label: String) -> CompressedPublicKey {
        var x = SHA256.hash(Array(label.utf8))
        while !PublicKey.isXCoordinate(x) { x = SHA256.hash(x) }
        return (try? CompressedPublicKey(bytes: [0x02] + x)) ?? CompressedPublicKey(PublicKey.generator)
    }

    static func single(_ index: Int) throws -> SingleBackup {
        let funding = try ChannelPoint(txidInternal: SHA256.hash(Array("funding \(index)".utf8)), outputIndex: UInt32(index % 4))
        return SingleBackup(
            version: .anchorsZeroFeeHTLC,
            isInitiator: index % 2 == 0,
            chainHash: Hex.decode(BitcoinNetwork.regtest.genesisHashInternalHex) ?? [],
            fundingOutpoint: funding,
            shortChannelID: try ShortChannelID(blockHeight: 100 + UInt32(index), txIndex: 1, outputIndex: 0),
            remoteNodePublicKey: key("peer \(index)"),
            addresses: [.ipv4(address: [127, 0, 0, 1], port: UInt16(9735 + index % 1000))],
            capacity: 1_000_000 + UInt64(index),
            localKeys: LocalChannelKeys(
                csvDelay: 144,
                multiSig: KeyLocator(.multiSig, index: UInt32(index)), revocationBase: KeyLocator(.revocationBase, index: UInt32(index)),
                paymentBase: KeyLocator(.paymentBase, index: UInt32(index)), delayBase: KeyLocator(.delayBase, index: UInt32(index)),
                htlcBase: KeyLocator(.htlcBase, index: UInt32(index))
            ),
            remoteKeys: RemoteChannelKeys(
                csvDelay: 144, multiSig: key("r0 \(index)"), revocationBase: key("r1 \(index)"), paymentBase: key("r2 \(index)"),
                delayBase: key("r3 \(index)"), htlcBase: key("r4 \(index)")
            ),
            shachainRoot: ShachainRoot(legacyPublicKey: nil, locator: KeyLocator(.revocationRoot, index: UInt32(index))),
            leaseExpiry: nil,
            closeTxInputs: nil
        )
    }

    static func multi(channels: Int) throws -> MultiBackup {
        MultiBackup(singles: try (0..<channels).map(single))
    }
}
