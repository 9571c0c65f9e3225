@testable import BackupCore
import Sodium
import Testing
import BlobStorage

@Suite struct EnvelopeTests {
    let key: EnvelopeKey
    let account: AccountID
    let blob: BlobName

    init() throws {
        let root = try BackupRoot(sharedKey: SecureBytes.random(count: 32))
        key = try root.envelopeKey()
        account = AccountID(ownerPublicKey: Random.bytes(32))
        blob = try root.blobNameKey().blobName(for: LogicalName.multiChannelBackup)
    }

    @Test func roundTripWithRandomNonces() throws {
        let payload = EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 1_764_000_000, bytes: Random.bytes(1500))
        let first = try Envelope.seal(payload, counter: 3, account: account, blob: blob, key: key)
        let second = try Envelope.seal(payload, counter: 3, account: account, blob: blob, key: key)
        #expect(first != second)
        #expect(first.count == 4096)
        let opened = try Envelope.open(first, account: account, blob: blob, key: key, notOlderThan: 2)
        #expect(opened == OpenedEnvelope(payload: payload, counter: 3, version: 1))
        #expect(try Envelope.open(second, account: account, blob: blob, key: key).payload == payload)
    }

    /// Room reserved in front (for the local store's file header) changes nothing in the envelope.
    @Test func reservedPrefixIsZerosThenTheSameEnvelope() throws {
        let payload = EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 7, bytes: Random.bytes(5000))
        let nonce = Random.bytes(24)
        let plain = try Envelope.seal(payload, counter: 9, account: account, blob: blob, key: key, nonce: nonce)
        let prefixed = try Envelope.seal(payload, counter: 9, account: account, blob: blob, key: key, nonce: nonce, reservingPrefix: 136)
        #expect(prefixed.count == 136 + 8192)
        #expect(prefixed.prefix(136).allSatisfy { $0 == 0 })
        #expect(Array(prefixed.dropFirst(136)) == plain)
        #expect(try Envelope.open(plain, account: account, blob: blob, key: key).payload == payload)
    }

    @Test func headerIsReadableWithoutTheKey() throws {
        let payload = EnvelopePayload(kind: .lndSingleChannelBackup, createdAt: 0, bytes: [1, 2, 3])
        let sealed = try Envelope.seal(payload, counter: 42, account: account, blob: blob, key: key)
        let header = try EnvelopeHeader(parsing: sealed)
        #expect(header.counter == 42)
        #expect(header.version == 1)
        #expect(header.keyID == key.keyID)
    }

    /// docs/envelope.md §5: every envelope is 2^k bytes, 4 KiB ≤ 2^k ≤ 16 MiB.
    @Test(arguments: [(0, 4096), (4003, 4096), (4004, 8192), (8099, 8192), (8100, 16384), (700 * 1000, 1 << 20)])
    func bucketSizesVersion1(payload: Int, total: Int) throws {
        #expect(try EnvelopeSize.total(forPayload: payload, version: 1) == total)
    }

    /// Version 2 records carry 16 more bytes (writer and parent).
    @Test(arguments: [(0, 4096), (3987, 4096), (3988, 8192), (8083, 8192), (8084, 16384)])
    func bucketSizesVersion2(payload: Int, total: Int) throws {
        #expect(try EnvelopeSize.total(forPayload: payload, version: 2) == total)
    }

    @Test func largestPayloadFitsAndOneMoreIsRefused() throws {
        #expect(try EnvelopeSize.total(forPayload: EnvelopeSize.maximumPayload) == EnvelopeSize.maximum)
        let writer = try #require(WriterID(bytes: [1, 2, 3, 4, 5, 6, 7, 8]))
        let tooLarge = EnvelopePayload(
            kind: .lndMultiChannelBackup, createdAt: 0, bytes: [UInt8](repeating: 0, count: EnvelopeSize.maximumPayload + 1),
            lineage: SnapshotLineage(writer: writer, parent: nil))
        #expect(throws: EnvelopeError.payloadTooLarge(byteCount: EnvelopeSize.maximumPayload + 1, maximum: EnvelopeSize.maximumPayload)) {
            try Envelope.seal(tooLarge, counter: 1, account: account, blob: blob, key: key)
        }
    }

    @Test func sizesDoNotRevealSmallChannelCounts() throws {
        // An lnd Multi grows by roughly 700 bytes per channel (docs/lnd.md §6): 1 to 5 channels look alike.
        let sizes = try (1...5).map { channels in
            try Envelope.seal(EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 0, bytes: Random.bytes(48 + 5 + 700 * channels)),
                              counter: 1, account: account, blob: blob, key: key).count
        }
        #expect(Set(sizes) == [4096])
    }

    @Test func kindZeroIsRefused() throws {
        #expect(throws: EnvelopeError.invalidKind) {
            try Envelope.seal(EnvelopePayload(kind: PayloadKind(rawValue: 0), createdAt: 0, bytes: []), counter: 1, account: account, blob: blob, key: key)
        }
    }

    @Test func olderCounterIsARollbackAndEqualIsFine() throws {
        let sealed = try Envelope.seal(EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 0, bytes: [9]), counter: 10, account: account, blob: blob, key: key)
        #expect(throws: EnvelopeError.rollback(seen: 11, got: 10)) {
            try Envelope.open(sealed, account: account, blob: blob, key: key, notOlderThan: 11)
        }
        #expect(try Envelope.open(sealed, account: account, blob: blob, key: key, notOlderThan: 10).counter == 10)
    }

    @Test func anotherSeedIsWrongKey() throws {
        let sealed = try Envelope.seal(EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 0, bytes: [9]), counter: 1, account: account, blob: blob, key: key)
        let otherKey = try BackupRoot(sharedKey: SecureBytes.random(count: 32)).envelopeKey()
        #expect(throws: EnvelopeError.wrongKey) { try Envelope.open(sealed, account: account, blob: blob, key: otherKey) }
    }

    @Test func everySingleByteFlipIsDetected() throws {
        let sealed = try Envelope.seal(EnvelopePayload(kind: .lndMultiChannelBackup, createdAt: 5, bytes: [1, 2, 3]), counter: 1, account: account, blob: blob, key: key)
        // Header bytes one by one, and a sample across the ciphertext and tag.
        let positions = Array(0..<64) + Array(stride(from: 64, to: sealed.count, by: 97)) + [sealed.count - 1]
        for position in positions {
            var damaged = sealed
            damaged[position] ^= 0x01
            #expect(throws: EnvelopeError.self) { try Envelope.open(damaged, account: account, blob: blob, key: key) }
        }
    }

    @Test func errorsSayWhatToDo() {
        #expect(EnvelopeError.wrongKey.description.contains("not made by this seed"))
        #expect(EnvelopeError.badMagic.description.contains("inspect"))
        #expect(EnvelopeError.rollback(seen: 8, got: 7).description.contains("older"))
    }
}
