import BackupCore
import Testing
import LightningTypes

/// D2: the digest the agent compares depends on the set of channels and on what a restore uses,
/// not on how lnd wrote them: Single order, address order and CloseTxInputs.
@Suite struct ChannelSetDigestTests {
    func digest(_ singles: [SingleBackup]) throws -> [UInt8] {
        try MultiBackup.check(MultiBackup(singles: singles).encoded()).channelSetDigest
    }

    func fixtures() throws -> [SingleBackup] {
        try [SingleBackupVersion.anchorsZeroFeeHTLC, .simpleTaprootFinal, .scriptEnforcedLease, .legacy].map {
            try ChannelBackupFixtures.single($0, closeTx: $0 != .legacy)
        }
    }

    @Test func sameChannelsInAnyOrderHaveOneDigest() throws {
        let singles = try fixtures()
        let reference = try digest(singles)
        #expect(reference.count == 32)
        #expect(try digest(singles.reversed()) == reference)
        #expect(try digest([singles[2], singles[0], singles[3], singles[1]]) == reference)
    }

    @Test func addressOrderDoesNotMatter() throws {
        var singles = try fixtures()
        let reference = try digest(singles)
        // lnd's AddrsForNode order is random; an opaque descriptor can only be last.
        let addresses = singles[0].addresses
        #expect(addresses.count == 7)
        singles[0].addresses = Array(addresses[0..<6].reversed()) + [addresses[6]]
        #expect(try digest(singles) == reference)
    }

    @Test func closeTxInputsDoNotMatter() throws {
        var singles = try fixtures()
        let reference = try digest(singles)
        singles[0].closeTxInputs = nil
        #expect(try digest(singles) == reference)
        singles[1].closeTxInputs = try ChannelBackupFixtures.single(.simpleTaprootFinal, closeTx: true).closeTxInputs.map {
            var older = $0
            older.commitHeight = ($0.commitHeight ?? 0) + 7
            return older
        }
        #expect(try digest(singles) == reference)
    }

    @Test func everyRealChangeChangesTheDigest() throws {
        let singles = try fixtures()
        let reference = try digest(singles)
        #expect(try digest(Array(singles.dropLast())) != reference, "a channel closed")
        var capacity = singles
        capacity[0].capacity += 1
        #expect(try digest(capacity) != reference, "another channel")
        var moved = singles
        moved[0].addresses.removeFirst()
        #expect(try digest(moved) != reference, "the peer's addresses changed")
        var confirmed = singles
        confirmed[1].shortChannelID = ShortChannelID(uint64: singles[1].shortChannelID.uint64 + 1)
        #expect(try digest(confirmed) != reference, "the channel confirmed (new SCID)")
        var version = singles
        version[0].version = .anchors
        #expect(try digest(version) != reference, "another commitment type")
        #expect(try digest(singles + [singles[0]]) != reference, "a duplicate is not the same set")
    }
}
