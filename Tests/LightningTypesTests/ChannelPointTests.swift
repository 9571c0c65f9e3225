import Codecs
import LightningTypes
import Testing
import TestSupport

@Suite struct ChannelPointTests {
    @Test func channelPointDisplayAndInternalOrder() throws {
        let text = "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0"
        let point = try ChannelPoint(parsing: text)
        #expect(point.description == text)
        #expect(Hex.encode(point.txidInternal) == "81d674579c79af1143fdbb6df617e24ec00f57a9dcae0eb49021d5607b0193b6")
        #expect(try ChannelPoint(parsing: text.uppercased()).description == text)
        #expect(try ChannelID(channelPoint: point).bytes == point.txidInternal)
    }

    @Test func channelIDXorsTheIndexIntoTheLastTwoBytes() throws {
        let txid = [UInt8](repeating: 0xf0, count: 32)
        let id = try ChannelID(channelPoint: ChannelPoint(txidInternal: txid, outputIndex: 0x0102)).bytes
        #expect(id.prefix(30) == txid.prefix(30))
        #expect(id[30] == 0xf1 && id[31] == 0xf2)
    }

    @Test(arguments: ["", "abc:0", "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681", "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:x",
                      "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:-1", "zz93017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0",
                      "b693017b60d52190b40eaedca9570fc04ee217f66dbbfd4311af799c5774d681:0:1"])
    func badChannelPointsAreRejected(_ text: String) {
        #expect(throws: LightningValueError.self) { try ChannelPoint(parsing: text) }
    }

    @Test func shortChannelID() throws {
        let scid = try ShortChannelID(parsing: "443x1x0")
        #expect(scid.uint64 == 443 << 40 | 1 << 16)
        #expect(ShortChannelID(uint64: scid.uint64) == scid)
        #expect(try ShortChannelID(parsing: "16777215x16777215x65535").description == "16777215x16777215x65535")
        for bad in ["443x1", "16777216x0x0", "1x16777216x0", "1x1x65536", "axbxc", "1x1x1x1"] {
            #expect(throws: LightningValueError.self) { try ShortChannelID(parsing: bad) }
        }
    }

    @Test func fixedLengthValuesAreChecked() {
        #expect(throws: LightningValueError.self) { try ChannelPoint(txidInternal: [1, 2], outputIndex: 0) }
        #expect(throws: LightningValueError.self) { try ChannelPoint(displayTxid: String(repeating: "a", count: 62), outputIndex: 0) }
        #expect(throws: LightningValueError.self) { try ShortChannelID(blockHeight: 1 << 24, txIndex: 0, outputIndex: 0) }
        #expect(throws: LightningValueError.self) { try ChannelID(bytes: [1, 2, 3]) }
    }

    @Test func aChannelIDNeedsAnOutputIndexThatFitsSixteenBits() throws {
        let txid = [UInt8](repeating: 0x11, count: 32)
        #expect(throws: LightningValueError.self) { try ChannelID(channelPoint: ChannelPoint(checkedTxid: txid, outputIndex: 65536)) }
        #expect(try ChannelID(channelPoint: ChannelPoint(checkedTxid: txid, outputIndex: 65535)).bytes.suffix(2) == [0xee, 0xee])
    }

    // BOLT 2 channel ids from the vectors of Tests/Vectors/lightning-messages.
    static let channelIDVectors = ["channel-id-vout-0", "channel-id-vout-1", "channel-id-vout-259"]

    @Test(arguments: channelIDVectors)
    func channelIDFromChannelPoint(_ name: String) throws {
        let v = try VectorFile.load("lightning-messages", name + ".txt")
        let point = try ChannelPoint(parsing: v.field("channel_point"))
        #expect(point.description == (try v.field("channel_point")))
        #expect(try ChannelID(channelPoint: point).bytes == v.hexField("channel_id"))
    }

    @Test func channelPointRejectsGarbage() {
        for bad in ["", "abc:0", "8e3efb6f5537d964c1c02c0587f75fc6995888675083400d4b10c02f47ad3592", "8e3efb6f5537d964c1c02c0587f75fc6995888675083400d4b10c02f47ad3592:x",
                    "8e3efb6f5537d964c1c02c0587f75fc6995888675083400d4b10c02f47ad3592:-1", "zz3efb6f5537d964c1c02c0587f75fc6995888675083400d4b10c02f47ad3592:0"] {
            #expect(throws: LightningValueError.self, "\(bad)") { _ = try ChannelPoint(parsing: bad) }
        }
        #expect(throws: LightningValueError.self) {
            _ = try ChannelID(channelPoint: ChannelPoint(checkedTxid: [UInt8](repeating: 1, count: 32), outputIndex: 65536))
        }
        #expect(throws: LightningValueError.self) { _ = try ChannelID(bytes: [1, 2, 3]) }
    }
}
