import BackupCore
import SeedKit
import Sodium
import Testing
import LightningTypes
import TestSupport

/// Every way bytes or values can be wrong gives a clear `ChannelBackupError`, never a crash.
@Suite struct ChannelBackupErrorTests {
    @Test func everyTruncationOfVectorAFails() throws {
        let plaintext = try ChannelBackupFixtures.vectorAPlaintext()
        for length in 0..<plaintext.count {
            #expect(throws: ChannelBackupError.self) { try MultiBackup(decoding: Array(plaintext.prefix(length))) }
        }
        let single = Array(plaintext[5...])
        for length in 0..<single.count {
            #expect(throws: ChannelBackupError.self) { try SingleBackup(decoding: Array(single.prefix(length))) }
        }
    }

    @Test func truncationNamesTheField() throws {
        let single = Array(try ChannelBackupFixtures.vectorAPlaintext()[5...])
        let error = try #require(throws: ChannelBackupError.self) { try SingleBackup(decoding: Array(single.prefix(100))) }
        guard case let .truncated(what, offset, needed, available) = error else { Issue.record("got \(error)"); return }
        #expect(what == "remote node public key" && offset == 78 && needed == 33 && available == 22)
        #expect(error.description.contains("truncated") && error.description.contains("fresh copy"))
    }

    @Test func trailingBytesAreRejected() throws {
        let plaintext = try ChannelBackupFixtures.vectorAPlaintext()
        #expect(throws: ChannelBackupError.trailingBytes(count: 1, after: "the last channel of the multi backup")) {
            try MultiBackup(decoding: plaintext + [0])
        }
        #expect(throws: ChannelBackupError.trailingBytes(count: 2, after: "the single channel backup")) {
            try SingleBackup(decoding: Array(plaintext[5...]) + [0, 0])
        }
    }

    @Test func unknownMultiVersion() throws {
        var plaintext = try ChannelBackupFixtures.vectorAPlaintext()
        plaintext[0] = 1
        let error = try #require(throws: ChannelBackupError.self) { try MultiBackup(decoding: plaintext) }
        #expect(error == .unknownMultiVersion(1))
        #expect(error.description.contains("unknown multi-version"))
    }

    @Test(arguments: [UInt8(8), 0x88, 0x7f, 0xff])
    func unknownSingleVersion(_ byte: UInt8) throws {
        var single = Array(try ChannelBackupFixtures.vectorAPlaintext()[5...])
        single[0] = byte
        #expect(throws: ChannelBackupError.unknownSingleVersion(byte & 0x7f)) { try SingleBackup(decoding: single) }
    }

    @Test func bodyLengthMustMatch() throws {
        var single = Array(try ChannelBackupFixtures.vectorAPlaintext()[5...])
        single[2] &+= 1  // 0x029e → 0x029f
        #expect(throws: ChannelBackupError.bodyLengthMismatch(declared: 671, parsed: 670, offset: 0)) {
            try SingleBackup(decoding: single)
        }
        single[2] &-= 2
        #expect(throws: ChannelBackupError.bodyLengthMismatch(declared: 669, parsed: 670, offset: 0)) {
            try SingleBackup(decoding: single)
        }
    }

    /// Dropping the close-tx flag leaves the close-tx bytes unparsed: body_len catches it.
    @Test func clearedCloseTxFlagIsCaughtByBodyLength() throws {
        var single = Array(try ChannelBackupFixtures.vectorAPlaintext()[5...])
        single[0] = 0x03
        #expect(throws: ChannelBackupError.bodyLengthMismatch(declared: 670, parsed: 375, offset: 0)) {
            try SingleBackup(decoding: single)
        }
    }

    @Test func impossibleCount() throws {
        var plaintext = try ChannelBackupFixtures.vectorAPlaintext()
        plaintext[4] = 2
        #expect(throws: ChannelBackupError.impossibleCount(declared: 2, available: 673, minimumEach: 371)) {
            try MultiBackup(decoding: plaintext)
        }
        #expect(throws: ChannelBackupError.impossibleCount(declared: .max, available: 0, minimumEach: 371)) {
            try MultiBackup(decoding: [0, 0xff, 0xff, 0xff, 0xff])
        }
    }

    @Test func initiatorMustBeZeroOrOne() throws {
        var single = Array(try ChannelBackupFixtures.vectorAPlaintext()[5...])
        single[3] = 2
        #expect(throws: ChannelBackupError.invalidField(what: "initiator flag", reason: "byte 2 is neither 0 nor 1")) {
            try SingleBackup(decoding: single)
        }
    }

    @Test func addressRunningPastItsBlockIsTruncated() throws {
        var single = Array(try ChannelBackupFixtures.vectorAPlaintext()[5...])
        single[112] = 6  // address list length 7 → 6: the IPv4 port is cut off
        let error = try #require(throws: ChannelBackupError.self) { try SingleBackup(decoding: single) }
        guard case .truncated(let what, _, _, _) = error else { Issue.record("got \(error)"); return }
        #expect(what.hasPrefix("address of type 1"))
    }

    @Test func invalidPublicKeysAreKeptAndFlagged() throws {
        var single = Array(try ChannelBackupFixtures.vectorAPlaintext()[5...])
        single[78] = 0x05  // remote node key prefix
        let decoded = try SingleBackup(decoding: single)
        #expect(!decoded.remoteNodePublicKey.isValidPoint)
        #expect(decoded.invalidPublicKeys == ["remote node"])
        #expect(try decoded.encoded() == single)
    }

    // MARK: commitment transaction

    func singleWithCommitTx(_ tx: [UInt8]) throws -> [UInt8] {
        var single = try ChannelBackupFixtures.single(.anchors, closeTx: false, addresses: []).encoded()
        single[0] |= 0x80
        single += tx + [0, 0]  // empty signature
        let body = single.count - 3
        single[1] = UInt8(body >> 8)
        single[2] = UInt8(body & 0xff)
        return single
    }

    @Test func nonCanonicalCompactSizeIsRejected() throws {
        let tx: [UInt8] = [2, 0, 0, 0, 0xfd, 0x01, 0x00]
        let error = try #require(throws: ChannelBackupError.self) { try SingleBackup(decoding: singleWithCommitTx(tx)) }
        guard case .nonCanonicalCompactSize(let what, _) = error else { Issue.record("got \(error)"); return }
        #expect(what == "commit tx input count")
    }

    @Test func badWitnessFlagIsRejected() throws {
        let error = try #require(throws: ChannelBackupError.self) {
            try SingleBackup(decoding: singleWithCommitTx([2, 0, 0, 0, 0x00, 0x02]))
        }
        #expect(error == .invalidField(what: "commit tx", reason: "witness marker followed by flag 2, not 1"))
    }

    @Test func impossibleInputCountIsRejected() throws {
        let tx: [UInt8] = [2, 0, 0, 0, 0xff] + [UInt8](repeating: 0xff, count: 8)
        let error = try #require(throws: ChannelBackupError.self) { try SingleBackup(decoding: singleWithCommitTx(tx)) }
        guard case .invalidField(let what, _) = error else { Issue.record("got \(error)"); return }
        #expect(what == "commit tx inputs")
    }

    @Test func hugeScriptLengthIsTruncated() throws {
        let funding = try ChannelBackupFixtures.outpoint("x", 0)
        let tx: [UInt8] = [2, 0, 0, 0, 1] + funding.txidInternal + [0, 0, 0, 0] + [0xfe, 0xff, 0xff, 0xff, 0x7f]
        let error = try #require(throws: ChannelBackupError.self) { try SingleBackup(decoding: singleWithCommitTx(tx)) }
        guard case .truncated(let what, _, _, _) = error else { Issue.record("got \(error)"); return }
        #expect(what == "commit tx input 0 script")
    }

    @Test func transactionWithTrailingBytes() throws {
        let tx = try #require(ChannelBackupFixtures.closeTxInputs(for: .anchors, funding: ChannelBackupFixtures.outpoint("t", 0)).commitTx)
        #expect(throws: ChannelBackupError.trailingBytes(count: 1, after: "the transaction")) {
            try BitcoinTransaction(decoding: tx.serialized + [0])
        }
    }

    /// Random byte flips never crash the decoder: each either decodes or throws our error.
    @Test func randomCorruptionNeverCrashes() throws {
        let plaintext = try ChannelBackupFixtures.vectorAPlaintext()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var corrupt = plaintext
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                corrupt[Int.random(in: 0..<corrupt.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            do { _ = try MultiBackup(decoding: corrupt) } catch is ChannelBackupError {} catch {
                Issue.record("unexpected error type \(error)")
            }
        }
    }

    // MARK: encoding invalid values

    @Test func encodingChecksVersionSpecificFields() throws {
        var s = try ChannelBackupFixtures.single(.anchorsZeroFeeHTLC, closeTx: true)
        s.leaseExpiry = 1
        #expect(throws: ChannelBackupError.cannotEncode(what: "lease expiry", reason: "it is present exactly for version 4 (this is 3)")) {
            try s.encoded()
        }
        s = try ChannelBackupFixtures.single(.scriptEnforcedLease, closeTx: false)
        s.leaseExpiry = nil
        #expect(throws: ChannelBackupError.self) { try s.encoded() }

        s = try ChannelBackupFixtures.single(.simpleTaproot, closeTx: true)
        s.closeTxInputs?.commitHeight = nil
        #expect(throws: ChannelBackupError.self) { try s.encoded() }
        s = try ChannelBackupFixtures.single(.simpleTaproot, closeTx: true)
        s.closeTxInputs?.tapscriptRoot = [UInt8](repeating: 0, count: 32)
        #expect(throws: ChannelBackupError.self) { try s.encoded() }
        s = try ChannelBackupFixtures.single(.tapscriptRoot, closeTx: true)
        s.closeTxInputs?.tapscriptRoot = nil
        #expect(throws: ChannelBackupError.self) { try s.encoded() }
        s = try ChannelBackupFixtures.single(.tapscriptRoot, closeTx: true)
        s.closeTxInputs?.tapscriptRoot = [1, 2, 3]
        #expect(throws: ChannelBackupError.cannotEncode(what: "tapscript root", reason: "must be 32 bytes, got 3")) { try s.encoded() }
        s = try ChannelBackupFixtures.single(.anchors, closeTx: true)
        s.closeTxInputs?.commitHeight = 1
        #expect(throws: ChannelBackupError.self) { try s.encoded() }
        s.closeTxInputs?.commitHeight = nil
        s.closeTxInputs?.commitSignature = [UInt8](repeating: 0, count: 65536)
        #expect(throws: ChannelBackupError.self) { try s.encoded() }
    }

    @Test func encodingChecksSizes() throws {
        var s = try ChannelBackupFixtures.single(.anchors, closeTx: false)
        s.chainHash = [1]
        #expect(throws: ChannelBackupError.self) { try s.encoded() }
        s = try ChannelBackupFixtures.single(.anchors, closeTx: false)
        s.fundingOutpoint = try ChannelPoint(txidInternal: s.fundingOutpoint.txidInternal, outputIndex: 65536)
        #expect(throws: ChannelBackupError.self) { try s.encoded() }

        let badAddresses: [NodeAddress] = [
            .ipv4(address: [1, 2, 3], port: 1), .ipv6(address: [1], port: 1), .torV2(service: [], port: 1),
            .torV3(service: [1], port: 1), .dns(hostname: [UInt8](repeating: 0x61, count: 256), port: 1),
            .opaque([]), .opaque([5, 1]),
        ]
        for address in badAddresses {
            let single = try ChannelBackupFixtures.single(.anchors, closeTx: false, addresses: [address])
            #expect(throws: ChannelBackupError.self) { try single.encoded() }
        }
        let tooMany = [NodeAddress](repeating: .torV3(service: [UInt8](repeating: 0, count: 35), port: 1), count: 1800)
        #expect(throws: ChannelBackupError.self) { try ChannelBackupFixtures.single(.anchors, closeTx: false, addresses: tooMany).encoded() }
        // Body over 65535 bytes even though the address list itself fits.
        let big = [NodeAddress](repeating: .torV3(service: [UInt8](repeating: 0, count: 35), port: 1), count: 1760)
        var bigSingle = try ChannelBackupFixtures.single(.anchors, closeTx: true, addresses: big)
        bigSingle.closeTxInputs?.commitSignature = [UInt8](repeating: 0, count: 1000)
        #expect(throws: ChannelBackupError.self) { try bigSingle.encoded() }
    }
}
