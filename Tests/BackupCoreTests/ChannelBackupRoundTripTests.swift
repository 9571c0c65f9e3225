import BackupCore
import SeedKit
import Sodium
import Testing
import Codecs
import LightningTypes

@Suite struct ChannelBackupRoundTripTests {
    static let cases: [(SingleBackupVersion, Bool)] = SingleBackupVersion.allCases.flatMap { [($0, false), ($0, true)] }

    @Test(arguments: cases)
    func singleRoundTrips(version: SingleBackupVersion, closeTx: Bool) throws {
        let single = try ChannelBackupFixtures.single(version, closeTx: closeTx)
        let bytes = try single.encoded()
        #expect(bytes[0] == (closeTx ? 0x80 | version.rawValue : version.rawValue))
        #expect(Int(bytes[1]) << 8 | Int(bytes[2]) == bytes.count - 3)
        let decoded = try SingleBackup(decoding: bytes)
        #expect(decoded == single)
        #expect(try decoded.encoded() == bytes)
        #expect(decoded.leaseExpiry == (version == .scriptEnforcedLease ? 850_000 : nil))
        #expect(decoded.closeTxInputs?.commitHeight == (closeTx && version.rawValue >= 5 ? 77 : nil))
        #expect((decoded.closeTxInputs?.tapscriptRoot != nil) == (closeTx && version == .tapscriptRoot))
        #expect(decoded.closeTxInputs?.commitSignature.count == (closeTx ? (version.isTaproot ? 98 : 71) : nil))
        #expect(decoded.network == .mainnet)
        #expect(decoded.invalidPublicKeys.isEmpty)
        #expect(decoded.shachainRoot.legacyPublicKey == (version == .legacy ? ChannelBackupFixtures.key("shachain") : nil))
    }

    /// The size of each optional part is exactly what the spec says it adds.
    @Test func optionalFieldsAddTheirExactSizes() throws {
        let plain = try ChannelBackupFixtures.single(.anchorsZeroFeeHTLC, closeTx: false, addresses: []).encoded()
        #expect(plain.count == SingleBackup.minimumEncodedSize)
        let lease = try ChannelBackupFixtures.single(.scriptEnforcedLease, closeTx: false, addresses: []).encoded()
        #expect(lease.count == plain.count + 4)
        let withClose = try ChannelBackupFixtures.single(.anchorsZeroFeeHTLC, closeTx: true, addresses: [])
        let tx = try #require(withClose.closeTxInputs?.commitTx)
        #expect(try withClose.encoded().count == plain.count + tx.serialized.count + 2 + 71)
        let taproot = try ChannelBackupFixtures.single(.simpleTaproot, closeTx: true, addresses: []).encoded()
        #expect(taproot.count == plain.count + tx.serialized.count + 2 + 98 + 8)
        let overlay = try ChannelBackupFixtures.single(.tapscriptRoot, closeTx: true, addresses: []).encoded()
        #expect(overlay.count == plain.count + tx.serialized.count + 2 + 98 + 8 + 32)
    }

    @Test func multiWithEveryKindRoundTripsThroughEncryption() throws {
        let singles = try Self.cases.map { try ChannelBackupFixtures.single($0.0, closeTx: $0.1) }
        let multi = MultiBackup(singles: singles)
        let plaintext = try multi.encoded()
        #expect(plaintext.prefix(5) == [0, 0, 0, 0, 16])
        #expect(try MultiBackup(decoding: plaintext) == multi)
        #expect(try MultiBackup(decoding: plaintext).encoded() == plaintext)

        let key = try SecureBytes.random(count: 32)
        let blob = try LNDBackupCrypto.seal(multi, key: key)
        #expect(blob.count == plaintext.count + 40)
        #expect(try LNDBackupCrypto.openMulti(blob: blob, key: key) == multi)
        let again = try LNDBackupCrypto.seal(multi, key: key)
        #expect(again.prefix(24) != blob.prefix(24), "each seal draws a fresh nonce, like lnd")
    }

    @Test func emptyMultiIsFiveBytesAnd45Sealed() throws {
        let empty = MultiBackup(singles: [])
        #expect(try empty.encoded() == [0, 0, 0, 0, 0])
        #expect(try MultiBackup(decoding: [0, 0, 0, 0, 0]).singles.isEmpty)
        #expect(try LNDBackupCrypto.seal(empty, key: SecureBytes.random(count: 32)).count == 45)
    }

    @Test func singleSealRoundTrips() throws {
        let key = try SecureBytes.random(count: 32)
        let single = try ChannelBackupFixtures.single(.simpleTaprootFinal, closeTx: true)
        let nonce = [UInt8](repeating: 9, count: 24)
        let blob = try LNDBackupCrypto.seal(single, key: key, nonce: nonce)
        #expect(blob.prefix(24) == nonce[...])
        #expect(try LNDBackupCrypto.openSingle(blob: blob, key: key) == single)
    }

    @Test func segwitTransactionRoundTrips() throws {
        let funding = try ChannelBackupFixtures.outpoint("w", 3)
        let tx = BitcoinTransaction(
            version: 2,
            inputs: [TransactionInput(previousOutput: funding, sequence: 1, witness: [[], [1, 2, 3], [UInt8](repeating: 7, count: 300)])],
            outputs: [TransactionOutput(value: 1, pkScript: [UInt8](repeating: 0x6a, count: 260))],
            lockTime: 5
        )
        #expect(tx.hasWitness)
        #expect(tx.serialized[4...5] == [0x00, 0x01])
        let decoded = try BitcoinTransaction(decoding: tx.serialized)
        #expect(decoded == tx)
        #expect(decoded.inputs[0].witness.count == 3)
        #expect(decoded.outputs[0].pkScript.count == 260)
    }

    @Test func transactionIDMatchesBitcoin() throws {
        // The first mainnet transaction after the coinbases: block 170, Satoshi → Hal Finney.
        let raw = "0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd3704000000004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84cac00286bee0000000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000"
        let tx = try BitcoinTransaction(decoding: try #require(Hex.decode(raw)))
        #expect(tx.txid == "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16")
        #expect(tx.outputs.map(\.value) == [1_000_000_000, 4_000_000_000])
        #expect(tx.serialized == Hex.decode(raw))
    }
}
