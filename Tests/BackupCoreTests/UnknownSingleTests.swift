import BackupCore
import Sodium
import Testing

/// H2: Singles of a version this code does not know are kept whole inside a Multi, never
/// refused, never re-encoded; their shared prefix is shown when it is there.
@Suite struct UnknownSingleTests {
    /// `single` as a newer lnd might write it: version 8 and one more body byte.
    static func future(_ single: SingleBackup) throws -> [UInt8] {
        var bytes = try single.encoded()
        let length = (Int(bytes[1]) << 8 | Int(bytes[2])) + 1
        bytes[0] = 8 | (bytes[0] & 0x80)
        bytes[1] = UInt8(length >> 8)
        bytes[2] = UInt8(length & 0xff)
        return bytes + [0x42]
    }

    @Test func multiKeepsUnknownSinglesByteForByte() throws {
        let known = try ChannelBackupFixtures.single(.anchorsZeroFeeHTLC, closeTx: true)
        let other = try ChannelBackupFixtures.single(.simpleTaprootFinal, closeTx: false)
        let futureBytes = try Self.future(other)
        // lnd's order: the unknown Single between two known ones.
        let plaintext = [0, 0, 0, 0, 3] + (try known.encoded()) + futureBytes + (try known.encoded())
        let multi = try MultiBackup(decoding: plaintext)
        #expect(multi.singles == [known, known])
        #expect(multi.channelCount == 3)
        let unknown = try #require(multi.unknownSingles.first)
        #expect(unknown.bytes == futureBytes)
        #expect(unknown.version == 8 && unknown.hasCloseTx == other.hasCloseTx)
        #expect(unknown.fundingOutpoint == other.fundingOutpoint)
        #expect(unknown.remoteNodePublicKey == other.remoteNodePublicKey)
        #expect(unknown.capacity == other.capacity)
        #expect(unknown.chainHash == other.chainHash)
        #expect(unknown.explanation == "unknown channel type v8, handed to lnd untouched")
        let check = try MultiBackup.check(plaintext)
        #expect(check.channelCount == 3 && check.unknownSingleVersions == [8])
        // Re-encoding keeps every byte of the unknown Single (known ones first).
        let again = try MultiBackup(decoding: try multi.encoded())
        #expect(again == multi)
    }

    @Test(arguments: [UInt8(8), 0x88, 0x7f, 0xff])
    func everyUnknownVersionByte(_ byte: UInt8) throws {
        var single = try ChannelBackupFixtures.single(.anchors, closeTx: false).encoded()
        single[0] = byte
        let check = try MultiBackup.check([0, 0, 0, 0, 1] + single)
        #expect(check.channelCount == 1 && check.unknownSingleVersions == [byte & 0x7f])
        let summary = ChannelSummary(try #require(try MultiBackup(decoding: [0, 0, 0, 0, 1] + single).unknownSingles.first))
        #expect(summary.commitment == "unknown channel type v\(byte & 0x7f), handed to lnd untouched")
    }

    @Test func aShortUnknownSingleIsKeptWithoutIdentity() throws {
        // Three large known Singles leave room, under the count check, for a tiny unknown one.
        let known = try ChannelBackupFixtures.single(.anchors, closeTx: true).encoded()
        let tiny: [UInt8] = [9, 0, 2, 0xaa, 0xbb]
        let multi = try MultiBackup(decoding: [0, 0, 0, 0, 4] + known + known + known + tiny)
        let unknown = try #require(multi.unknownSingles.first)
        #expect(unknown.bytes == tiny && unknown.fundingOutpoint == nil && unknown.capacity == nil)
        #expect(ChannelSummary(unknown).channelPoint == "unknown")
    }

    @Test func aTruncatedUnknownSingleIsRefused() throws {
        let known = try ChannelBackupFixtures.single(.anchors, closeTx: true).encoded()
        let cut: [UInt8] = [8, 0x01, 0x00] + Array(repeating: 0, count: 10)
        let error = try #require(throws: ChannelBackupError.self) { try MultiBackup.check([0, 0, 0, 0, 4] + known + known + known + cut) }
        guard case .truncated = error else { Issue.record("got \(error)"); return }
    }

    @Test func aSingleFileOfAnUnknownVersionIsStillRefused() throws {
        var single = try ChannelBackupFixtures.single(.anchors, closeTx: false).encoded()
        single[0] = 8
        #expect(throws: ChannelBackupError.unknownSingleVersion(8)) { try SingleBackup(decoding: single) }
    }
}
