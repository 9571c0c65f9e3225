import BackupCore
import Secp256k1
import SeedKit
import Sodium
import Codecs
import LightningTypes
import TestSupport

/// Generated Singles covering every field, for round-trip and error tests.
enum ChannelBackupFixtures {
    /// The plaintext Multi of vector A (Tests/Vectors/scb/anchors-multi.vector), decrypted with its key.
    static func vectorAPlaintext() throws -> [UInt8] {
        let vector = try VectorFile.load("scb", "anchors-multi.vector")
        return try LNDBackupCrypto.decrypt(blob: vector.body, key: vector.secret("key"))
    }

    /// A valid compressed point derived from a label (so keys differ per field).
    static func key(_ label: String) -> CompressedPublicKey {
        var x = SHA256.hash(Array(label.utf8))
        while !PublicKey.isXCoordinate(x) { x = SHA256.hash(x) }
        // The loop above guarantees a valid x-coordinate, so this cannot fail.
        return (try? CompressedPublicKey(bytes: [0x02] + x)) ?? CompressedPublicKey(PublicKey.generator)
    }

    static func outpoint(_ label: String, _ index: UInt32) throws -> ChannelPoint {
        try ChannelPoint(txidInternal: SHA256.hash(Array(label.utf8)), outputIndex: index)
    }

    static let allAddresses: [NodeAddress] = [
        .ipv4(address: [203, 0, 113, 7], port: 9735),
        .padding,
        .ipv6(address: [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1], port: 9736),
        .torV2(service: Array("foobarfoob".utf8), port: 9737),
        .torV3(service: Array(0..<35), port: 9738),
        .dns("node.example.com", port: 9739),
        .opaque([0x07, 0xde, 0xad, 0xbe, 0xef]),
    ]

    static func closeTxInputs(for version: SingleBackupVersion, funding: ChannelPoint) -> CloseTxInputs {
        let tx = BitcoinTransaction(
            version: 2,
            inputs: [TransactionInput(previousOutput: funding, sequence: 0x8000_1234)],
            outputs: [
                TransactionOutput(value: 330, pkScript: [0x51, 0x20] + SHA256.hash([1])),
                TransactionOutput(value: 1_234_567, pkScript: [0x00, 0x20] + SHA256.hash([2])),
            ],
            lockTime: 0x2000_0042
        )
        let signature = version.isTaproot ? [UInt8](repeating: 0xab, count: 98) : [0x30, 0x45] + [UInt8](repeating: 0x11, count: 69)
        return CloseTxInputs(
            commitTx: tx,
            commitSignature: signature,
            commitHeight: version.isTaproot ? 77 : nil,
            tapscriptRoot: version.hasTapscriptRoot ? SHA256.hash([3]) : nil
        )
    }

    static func single(_ version: SingleBackupVersion, closeTx: Bool, addresses: [NodeAddress] = allAddresses) throws -> SingleBackup {
        let funding = try outpoint("funding \(version.rawValue)", UInt32(version.rawValue))
        return SingleBackup(
            version: version,
            isInitiator: version.rawValue % 2 == 0,
            chainHash: Hex.decode(BitcoinNetwork.mainnet.genesisHashInternalHex) ?? [],
            fundingOutpoint: funding,
            shortChannelID: try ShortChannelID(blockHeight: 800_000 + UInt32(version.rawValue), txIndex: 1234, outputIndex: 1),
            remoteNodePublicKey: key("remote node"),
            addresses: addresses,
            capacity: 5_000_000 + UInt64(version.rawValue),
            localKeys: LocalChannelKeys(
                csvDelay: 144,
                multiSig: KeyLocator(.multiSig, index: 7), revocationBase: KeyLocator(.revocationBase, index: 8),
                paymentBase: KeyLocator(.paymentBase, index: 9), delayBase: KeyLocator(.delayBase, index: 10),
                htlcBase: KeyLocator(.htlcBase, index: 11)
            ),
            remoteKeys: RemoteChannelKeys(
                csvDelay: 2016, multiSig: key("r0"), revocationBase: key("r1"), paymentBase: key("r2"),
                delayBase: key("r3"), htlcBase: key("r4")
            ),
            shachainRoot: ShachainRoot(legacyPublicKey: version == .legacy ? key("shachain") : nil, locator: KeyLocator(.revocationRoot, index: 3)),
            leaseExpiry: version.hasLeaseExpiry ? 850_000 : nil,
            closeTxInputs: closeTx ? closeTxInputs(for: version, funding: funding) : nil
        )
    }
}
