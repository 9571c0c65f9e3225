import Codecs
import Testing

/// A failure that records what the reader reports, so the tests see the exact fields.
private enum ReadFailure: ByteReadFailure, Equatable {
    case truncated(context: String, what: String, offset: Int, needed: Int, available: Int)
    case nonCanonical(context: String, what: String, offset: Int)

    static func nonCanonicalCompactSize(context: String, what: String, offset: Int) -> ReadFailure {
        .nonCanonical(context: context, what: what, offset: offset)
    }
}

@Suite struct ByteReaderTests {
    @Test func readsBigEndianFieldsInOrder() throws {
        var reader = ByteReader<ReadFailure>([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07])
        #expect(try reader.readUInt8("a") == 0x01)
        #expect(try reader.readUInt16("b") == 0x0203)
        #expect(try reader.readBigEndian(3, "c") == 0x040506)
        #expect(reader.readRest() == [0x07])
        #expect(reader.isAtEnd)
    }

    @Test func aCutOffFieldNamesItselfAndWhereItStarted() {
        var reader = ByteReader<ReadFailure>([0x00, 0x01, 0x02], context: "ping")
        #expect(throws: ReadFailure.truncated(context: "ping", what: "length", offset: 1, needed: 4, available: 2)) {
            _ = try reader.readUInt8("type")
            _ = try reader.readUInt32("length")
        }
    }

    @Test func aBlockReaderStopsAtTheBlockEnd() throws {
        var reader = ByteReader<ReadFailure>([9, 8, 7, 6], block: 1..<3)
        #expect(try reader.readBytes(2, "block") == [8, 7])
        #expect(reader.isAtEnd)
        #expect(reader.offset == 3)
    }

    @Test func compactSizeMustBeShortest() throws {
        var fine = ByteReader<ReadFailure>([0xfd, 0x00, 0x01])
        #expect(try fine.readCompactSize("count") == 0x100)
        var long = ByteReader<ReadFailure>([0xfd, 0x10, 0x00])
        #expect(throws: ReadFailure.nonCanonical(context: "", what: "count", offset: 0)) { _ = try long.readCompactSize("count") }
    }

    @Test func theWriterMirrorsTheReader() throws {
        var writer = ByteWriter()
        writer.writeUInt16(0xbeef)
        writer.writeBigEndian(0x010203, 3)
        writer.writeCompactSize(300)
        var reader = ByteReader<ReadFailure>(writer.bytes)
        #expect(try reader.readUInt16("a") == 0xbeef)
        #expect(try reader.readBigEndian(3, "b") == 0x010203)
        #expect(try reader.readCompactSize("c") == 300)
        #expect(reader.isAtEnd)
    }
}
