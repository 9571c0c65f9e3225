import BackupCore
import SeedKit
import Sodium
import Testing
import Codecs
import LightningTypes
import TestSupport

/// Real lnd backups (docs/lnd.md §6), decoded field by field and re-encoded byte for byte.
@Suite struct ChannelBackupVectorTests {
    // MARK: Vector A: "anchors", a Multi with one v3 Single and CloseTxInputs

    @Test func vectorAKeyIsSHA256OfFamily7PublicKey() throws {
        let vector = try VectorFile.load("scb", "anchors-multi.vector")
        let pub = try #require(Hex.decode(try vector.field("scb pubkey")))
        let key = try LNDBackupCrypto.key(fromFamily7PublicKey: pub)
        #expect(key.unsafeCopy() == (try vector.secret("key")).unsafeCopy())
    }

    @Test func vectorADecodesFieldByField() throws {
        let vector = try VectorFile.load("scb", "anchors-multi.vector")
        let plaintext = try LNDBackupCrypto.decrypt(blob: vector.body, key: vector.secret("key"))
        #expect(plaintext.count == 678)
        #expect(Hex.encode(plaintext.prefix(10)) == "000000000183029e0106")

        let multi = try MultiBackup(decoding: plaintext)
        #expect(multi.singles.count == 1)
        let s = try #require(multi.singles.first)
        #expect(s.version == .anchorsZeroFeeHTLC)
        #expect(s.hasCloseTx)
        #expect(s.isInitiator)
        #expect(s.network == .regtest)
        #expect(Hex.encode(s.chainHash) == BitcoinNetwork.regtest.genesisHashInternalHex)
        #expect(s.fundingOutpoint.description == "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0")
        #expect(Hex.encode(s.fundingOutpoint.txidInternal).hasPrefix("81d6"))
        #expect(s.shortChannelID.description == "443x1x0")
        #expect(s.shortChannelID.blockHeight == 0x1bb && s.shortChannelID.txIndex == 1 && s.shortChannelID.outputIndex == 0)
        #expect(s.remoteNodePublicKey.hex == "025fafc78a1051be4076433dc0b36db9f69ae5b0041e58cfaa16478d4bacb8e442")
        #expect(s.remoteNodePublicKey.isValidPoint)
        #expect(s.addresses == [.ipv4(address: [127, 0, 0, 1], port: 10541)])
        #expect(s.addresses.compactMap(\.hostPort) == ["127.0.0.1:10541"])
        #expect(s.capacity == 10_000_000)
        #expect(s.localKeys.csvDelay == 4)
        #expect(s.localKeys.inWireOrder == [(0, 0), (1, 0), (3, 0), (4, 0), (2, 0)].map { KeyLocator(family: $0.0, index: $0.1) })
        #expect(s.remoteKeys.csvDelay == 4)
        #expect(s.remoteKeys.inWireOrder.map(\.hex) == [
            "0237fffc3ea752c34b753f7bb15284aabc27652bf72c77ce30282edc0bb846dbdb",
            "02eaa658d6a35376add7a295db89d54ece66e606ebc544c9470083e42a7c11df72",
            "03e5b647457aa4c446b442b4fb0ac38370d95160c20c0c91d700d07b4dd03026f2",
            "03d37811b9c65e3e1eb5826aa0abc079a261eaa2e4899928d060e44c3c2e95d612",
            "028e8bc12fc12a461a065021d30067ea42c5d75e35a4ed21ad0539b7e795c9eb5f",
        ])
        #expect(s.invalidPublicKeys.isEmpty)
        #expect(s.shachainRoot.legacyPublicKey == nil)
        #expect(s.shachainRoot.locator == KeyLocator(family: 5, index: 1))
        #expect(s.leaseExpiry == nil)

        let close = try #require(s.closeTxInputs)
        let tx = close.commitTx
        #expect(tx.serialized.count == 223)
        #expect(Array(plaintext[383..<606]) == tx.serialized)
        #expect(tx.version == 2)
        #expect(tx.inputs.count == 1)
        #expect(tx.inputs[0].previousOutput == s.fundingOutpoint)
        #expect(tx.inputs[0].signatureScript.isEmpty)
        #expect(tx.inputs[0].sequence == 0x8082_55c6)
        #expect(tx.outputs.map(\.value) == [330, 330, 4_896_530, 5_100_000])
        #expect(tx.outputs.allSatisfy { $0.pkScript.count == 34 && $0.pkScript.prefix(2) == [0x00, 0x20] })
        #expect(tx.lockTime == 0x20d8_9f83)
        #expect(!tx.hasWitness)
        #expect(close.commitSignature.count == 70)
        #expect(close.commitSignature.first == 0x30)
        #expect(Hex.encode(close.commitSignature).hasPrefix("3044022016415adaa9cf74fd"))
        #expect(close.commitHeight == nil)
        #expect(close.tapscriptRoot == nil)

        #expect(try multi.encoded() == plaintext)
        #expect(try s.encoded() == Array(plaintext[5...]))
    }

    @Test func vectorASummary() throws {
        let vector = try VectorFile.load("scb", "anchors-multi.vector")
        let multi = try LNDBackupCrypto.openMulti(blob: vector.body, key: vector.secret("key"))
        let summary = try #require(multi.singles.first.map(ChannelSummary.init))
        #expect(summary.channelPoint == (try vector.field("channel point")))
        #expect(summary.capacitySat == 10_000_000)
        #expect(summary.version == 3)
        #expect(summary.hasCloseTx)
        #expect(summary.commitment == "anchors_zero_fee_htlc")
        #expect(summary.shortChannelID == (try vector.field("short channel id")))
        #expect(summary.addresses == ["127.0.0.1:10541"])
        #expect(summary.initiator)
        #expect(summary.leaseExpiry == nil)
    }

    // MARK: Vector B: "custom_channel", a v6 Single (tapscript root) with CloseTxInputs

    @Test func vectorBDecodesFieldByField() throws {
        let vector = try VectorFile.load("scb", "custom-channel-single.vector")
        let pub = try #require(Hex.decode(try vector.field("scb pubkey")))
        #expect(try LNDBackupCrypto.key(fromFamily7PublicKey: pub).unsafeCopy() == (try vector.secret("key")).unsafeCopy())
        let plaintext = try LNDBackupCrypto.decrypt(blob: vector.body, key: vector.secret("key"))
        #expect(plaintext.count == 662)
        #expect(Hex.encode(plaintext.prefix(3)) == "860293")

        let s = try SingleBackup(decoding: plaintext)
        #expect(s.version == .tapscriptRoot)
        #expect(s.version.commitmentName == "simple_taproot_overlay")
        #expect(s.hasCloseTx)
        #expect(!s.isInitiator)
        #expect(s.network == .regtest)
        #expect(s.fundingOutpoint.description == "85619671cb1987c80723ed457fd829f6444269a4d228ab580cd8f2176f1d4994:0")
        #expect(s.shortChannelID.description == "402x1x0")
        #expect(s.remoteNodePublicKey.hex == "0310150ae975211a226fc85160232e238bf072a071202e58ce5d0527cda5d7e4c9")
        #expect(s.addresses == [.ipv4(address: [172, 18, 0, 6], port: 9735), .ipv4(address: [127, 0, 0, 1], port: 9636)])
        #expect(s.addresses.compactMap(\.hostPort) == ["172.18.0.6:9735", "127.0.0.1:9636"])
        #expect(s.capacity == 100_000)
        #expect(s.localKeys.csvDelay == 144 && s.remoteKeys.csvDelay == 144)
        #expect(s.localKeys.inWireOrder == [0, 1, 3, 4, 2].map { KeyLocator(family: $0, index: 1) })
        #expect(s.remoteKeys.inWireOrder.map(\.hex) == [
            "03c1102d1b9e016d72a39226ab34fb92fe6194b2f177882f5b167926d76417e070",
            "034a07a00f89920b27d965b041084cef9619f952fd8e1bbb4699be9f7a5806c4ee",
            "02a1b59387e693774772894155f5338f1e816ea3a36c2792377738f376ba1fde53",
            "02a560b80e736d1b11af80069579b0894c19b7611f53b923674e4966c43d542140",
            "02e682ecf3cc018bb1547b89a4be96e6e7df228da97078930d55dc039d8dea7d5d",
        ])
        #expect(s.invalidPublicKeys.isEmpty)
        #expect(s.shachainRoot.legacyPublicKey == nil)
        #expect(s.shachainRoot.locator == KeyLocator(family: 5, index: 2))
        #expect(s.leaseExpiry == nil)

        let close = try #require(s.closeTxInputs)
        let tx = close.commitTx
        #expect(tx.serialized.count == 137)
        #expect(Array(plaintext[385..<522]) == tx.serialized)
        #expect(tx.version == 2)
        #expect(tx.inputs.count == 1)
        #expect(tx.inputs[0].previousOutput == s.fundingOutpoint)
        #expect(tx.inputs[0].sequence == 0x8071_00a0)
        #expect(tx.outputs.map(\.value) == [330, 96_920])
        #expect(tx.outputs.allSatisfy { $0.pkScript.count == 34 && $0.pkScript.prefix(2) == [0x51, 0x20] })
        #expect(tx.lockTime == 0x204a_f99b)
        #expect(close.commitSignature.count == 98)
        #expect(close.commitHeight == 0)
        #expect(close.tapscriptRoot.map { Hex.encode($0) } == (try vector.field("tapscript root")))

        #expect(try s.encoded() == plaintext)
        let summary = ChannelSummary(s)
        #expect(summary.leaseExpiry == nil && summary.version == 6 && !summary.initiator)
    }

    @Test func vectorsRejectTheOtherKey() throws {
        let a = try VectorFile.load("scb", "anchors-multi.vector")
        let b = try VectorFile.load("scb", "custom-channel-single.vector")
        #expect(throws: LNDBackupCryptoError.authenticationFailed) { try LNDBackupCrypto.decrypt(blob: a.body, key: b.secret("key")) }
        #expect(throws: LNDBackupCryptoError.authenticationFailed) { try LNDBackupCrypto.openSingle(blob: b.body, key: a.secret("key")) }
    }

    @Test func resealingVectorsWithTheirNonceGivesTheSameBlob() throws {
        for name in ["anchors-multi.vector", "custom-channel-single.vector"] {
            let vector = try VectorFile.load("scb", name)
            let plaintext = try LNDBackupCrypto.decrypt(blob: vector.body, key: vector.secret("key"))
            let resealed = try LNDBackupCrypto.encrypt(plaintext: plaintext, key: vector.secret("key"), nonce: Array(vector.body.prefix(24)))
            #expect(resealed == vector.body)
        }
    }
}
