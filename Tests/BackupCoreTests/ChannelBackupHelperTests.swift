import BackupCore
import Foundation
import SeedKit
import Sodium
import Testing
import Codecs
import LightningTypes
import TestSupport

@Suite struct ChannelBackupHelperTests {
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
        let a = try VectorFile.load("scb", "anchors-multi.vector")
        let b = try VectorFile.load("scb", "custom-channel-single.vector")
        let multi = try ChannelBackupFile.open(blob: a.body, key: a.secret("key"))
        #expect(multi.kind == .multi && multi.singles.count == 1)
        let single = try ChannelBackupFile.open(blob: b.body, key: b.secret("key"))
        #expect(single.kind == .single)
        #expect(single.summaries.map(\.channelPoint) == [try b.field("channel point")])
        #expect(throws: ChannelBackupError.self) { try ChannelBackupFile.open(blob: b.body, key: b.secret("key"), kind: .multi) }
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
