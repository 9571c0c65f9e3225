import BackupCore
import Foundation
import SeedKit
import Sodium
import Testing

@Suite struct ChannelBackupHelperTests {
    @Test func channelPointDisplayAndInternalOrder() throws {
        let text = "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0"
        let point = try ChannelPoint(parsing: text)
        #expect(point.description == text)
        #expect(Hex.encode(point.txidInternal) == "81d674579c79af1143fdbb6df617e24ec00f57a9dcae0eb49021d5607b0193b6")
        #expect(try ChannelPoint(parsing: text.uppercased()).description == text)
        #expect(point.channelID == point.txidInternal)
    }

    @Test func channelIDXorsTheIndexIntoTheLastTwoBytes() throws {
        let txid = [UInt8](repeating: 0xf0, count: 32)
        let id = try ChannelPoint(txidInternal: txid, outputIndex: 0x0102).channelID
        #expect(id.prefix(30) == txid.prefix(30))
        #expect(id[30] == 0xf1 && id[31] == 0xf2)
    }

    @Test(arguments: ["", "abc:0", "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681", "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:x",
                      "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:-1", "zz93017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0",
                      "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0:1"])
    func badChannelPointsAreRejected(_ text: String) {
        #expect(throws: ChannelBackupError.self) { try ChannelPoint(parsing: text) }
    }

    @Test func shortChannelID() throws {
        let scid = try ShortChannelID(parsing: "443x1x0")
        #expect(scid.uint64 == 443 << 40 | 1 << 16)
        #expect(ShortChannelID(uint64: scid.uint64) == scid)
        #expect(try ShortChannelID(parsing: "16777215x16777215x65535").description == "16777215x16777215x65535")
        for bad in ["443x1", "16777216x0x0", "1x16777216x0", "1x1x65536", "axbxc", "1x1x1x1"] {
            #expect(throws: ChannelBackupError.self) { try ShortChannelID(parsing: bad) }
        }
    }

    @Test func addressRendering() {
        let addresses = ChannelBackupFixtures.allAddresses
        #expect(addresses.map(\.hostPort) == [
            "203.0.113.7:9735", nil, "[2001:db8::1]:9736", "mzxw6ytbojtg633c.onion:9737",
            "aaaqeayeaudaocajbifqydiob4ibceqtcqkrmfyydenbwha5dypsaijc.onion:9738", "node.example.com:9739", nil,
        ])
        #expect(addresses.map(\.type) == [1, 0, 2, 3, 4, 5, 7])
        let mapped = NodeAddress.ipv6(address: [UInt8](repeating: 0, count: 10) + [0xff, 0xff, 10, 0, 0, 1], port: 1)
        #expect(mapped.hostPort == "10.0.0.1:1")
        let loopback = NodeAddress.ipv6(address: [UInt8](repeating: 0, count: 15) + [1], port: 2)
        #expect(loopback.hostPort == "[::1]:2")
        let full = NodeAddress.ipv6(address: [0x20, 0x01, 0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6], port: 3)
        #expect(full.hostPort == "[2001:1:0:2:3:4:5:6]:3")
        #expect(NodeAddress.opaque([9, 1, 2]).description == "opaque address (type 9, 3 bytes)")
    }

    @Test func opaqueAddressTakesTheRestOfTheList() throws {
        let single = try ChannelBackupFixtures.single(.anchors, closeTx: false, addresses: [
            .ipv4(address: [1, 2, 3, 4], port: 5), .opaque([0x09, 0x01, 0x01, 0x02, 0x03, 0x04, 0x00, 0x05]),
        ])
        let decoded = try SingleBackup(decoding: single.encoded())
        #expect(decoded.addresses.count == 2)
        #expect(decoded.addresses.compactMap(\.hostPort) == ["1.2.3.4:5"])
    }

    @Test func commitmentNames() {
        #expect(SingleBackupVersion.allCases.map(\.commitmentName) == [
            "legacy", "static_remote_key", "anchors", "anchors_zero_fee_htlc", "script_enforced_lease",
            "simple_taproot", "simple_taproot_overlay", "simple_taproot_final",
        ])
        #expect(SingleBackupVersion.allCases.filter(\.isTaproot) == [.simpleTaproot, .tapscriptRoot, .simpleTaprootFinal])
    }

    @Test func summaryJSONShape() throws {
        let lease = try ChannelBackupFixtures.single(.scriptEnforcedLease, closeTx: true, addresses: [.ipv4(address: [127, 0, 0, 1], port: 9735)])
        let plain = try ChannelBackupFixtures.single(.tweakless, closeTx: false, addresses: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let leaseJSON = String(decoding: try encoder.encode(ChannelSummary(lease)), as: UTF8.self)
        #expect(leaseJSON == """
            {"addresses":["127.0.0.1:9735"],"capacity_sat":5000004,"channel_point":"\(lease.fundingOutpoint)",\
            "commitment":"script_enforced_lease","has_close_tx":true,"initiator":true,"lease_expiry":850000,\
            "remote_pubkey":"\(lease.remoteNodePublicKey.hex)","short_channel_id":"800004x1234x1","version":4}
            """)
        let plainJSON = String(decoding: try encoder.encode(ChannelSummary(plain)), as: UTF8.self)
        #expect(plainJSON.contains("\"lease_expiry\":null"))
        #expect(plainJSON.contains("\"addresses\":[]"))
        let back = try JSONDecoder().decode(ChannelSummary.self, from: Data(leaseJSON.utf8))
        #expect(back == ChannelSummary(lease))
    }
}

@Suite struct ChannelBackupFileTests {
    @Test func detectsMultiAndSingle() throws {
        let a = try ChannelBackupVectorFile("anchors-multi.vector")
        let b = try ChannelBackupVectorFile("custom-channel-single.vector")
        let multi = try ChannelBackupFile.open(blob: a.bytes, key: a.key())
        #expect(multi.kind == .multi && multi.singles.count == 1)
        let single = try ChannelBackupFile.open(blob: b.bytes, key: b.key())
        #expect(single.kind == .single)
        #expect(single.summaries.map(\.channelPoint) == [try b.header("channel point")])
        #expect(throws: ChannelBackupError.self) { try ChannelBackupFile.open(blob: b.bytes, key: b.key(), kind: .multi) }
    }

    /// A version-0 Single without close tx starts with 0x00 like a Multi; detection still works.
    @Test func versionZeroSingleIsNotMistakenForMulti() throws {
        let single = try ChannelBackupFixtures.single(.legacy, closeTx: false)
        let decoded = try ChannelBackupFile(plaintext: single.encoded())
        #expect(decoded == .single(single))
        let multi = MultiBackup(singles: [single])
        #expect(try ChannelBackupFile(plaintext: multi.encoded()) == .multi(multi))
    }

    @Test func reportsTheLikelyKindsError() throws {
        let bad = try #require(throws: ChannelBackupError.self) { try ChannelBackupFile(plaintext: [0x83, 0x00]) }
        guard case let .undetectable(asMulti, asSingle) = bad, case .truncated(let what, _, _, _) = asSingle else {
            Issue.record("got \(bad)"); return
        }
        #expect(asMulti == .unknownMultiVersion(0x83))
        #expect(what == "single body length")
        #expect(bad.description.contains("--kind"))
        let multiError = try #require(throws: ChannelBackupError.self) { try ChannelBackupFile(plaintext: [0, 0, 0]) }
        guard case .truncated(let multiWhat, _, _, _) = multiError else { Issue.record("got \(multiError)"); return }
        #expect(multiWhat == "channel count")
    }
}

@Suite struct ChannelBackupValueTests {
    @Test func fixedLengthValuesAreChecked() throws {
        #expect(throws: ChannelBackupError.self) { try CompressedPublicKey(bytes: [0x02]) }
        #expect(throws: ChannelBackupError.self) { try ChannelPoint(txidInternal: [1, 2], outputIndex: 0) }
        #expect(throws: ChannelBackupError.self) { try ChannelPoint(displayTxid: String(repeating: "a", count: 62), outputIndex: 0) }
        #expect(throws: ChannelBackupError.self) { try ShortChannelID(blockHeight: 1 << 24, txIndex: 0, outputIndex: 0) }
        let zero = try CompressedPublicKey(bytes: [UInt8](repeating: 0, count: 33))
        #expect(zero.isZero && !zero.isValidPoint)
    }

    @Test func versionByteSplitsFlag() throws {
        for version in SingleBackupVersion.allCases {
            for flag in [false, true] {
                let (decoded, hasCloseTx) = try SingleBackupVersion.decode(versionByte: version.versionByte(hasCloseTx: flag))
                #expect(decoded == version && hasCloseTx == flag)
            }
        }
    }
}
