import LightningWire
import Secp256k1
import Sodium
import Testing
import TestSupport
import Codecs
import LightningTypes

@Suite struct MessageCodecTests {
    @Test func initMinimalPeerVector() throws {
        let v = try VectorFile.load("lightning-messages", "init-minimal-peer.txt")
        let message = WireMessage.initMessage(InitMessage(features: .minimalPeer))
        #expect(message.encoded() == (try v.hexField("message")))
        #expect(try WireMessage(decoding: v.hexField("message")) == message)
        #expect(FeatureBits.minimalPeer.encoded() == Hex.decode("20000002a202"))
    }

    @Test func reestablishTriggerVectors() throws {
        for (name, full) in [("channel-reestablish-trigger-full", true), ("channel-reestablish-trigger-legacy", false)] {
            let v = try VectorFile.load("lightning-messages", name + ".txt")
            let id = try ChannelID(channelPoint: ChannelPoint(parsing: v.field("channel_point")))
            let message = WireMessage.channelReestablish(.dataLossTrigger(channelID: id, withDataLossFields: full))
            #expect(message.encoded() == (try v.hexField("message")), "\(name)")
            #expect(try WireMessage(decoding: v.hexField("message")) == message, "\(name)")
        }
    }

    @Test func errorTriggerVector() throws {
        let v = try VectorFile.load("lightning-messages", "error-trigger-empty.txt")
        let id = try ChannelID(channelPoint: ChannelPoint(parsing: v.field("channel_point")))
        let message = WireMessage.error(ErrorMessage(channelID: id))
        #expect(message.encoded() == (try v.hexField("message")))
        #expect(try WireMessage(decoding: v.hexField("message")) == message)
    }

    @Test func roundTripsEveryKind() throws {
        let id = try ChannelID(bytes: Array(0..<32))
        let secret = [UInt8](repeating: 7, count: 32)
        let messages: [WireMessage] = [
            .initMessage(InitMessage(globalFeatures: [8, 12], features: [0, 9, 45], networks: [[UInt8](repeating: 0xab, count: 32)],
                                     remoteAddress: [1, 127, 0, 0, 1, 0x26, 0x07], otherRecords: [.init(type: 5, value: [9])])),
            .ping(Ping(pongByteCount: 10, ignored: [0, 0, 0])),
            .pong(Pong(ignored: [UInt8](repeating: 0, count: 10))),
            .error(ErrorMessage(channelID: id, text: "sync error")),
            .warning(ErrorMessage(channelID: .all, text: "bad reestablish revocation_number: 0 vs 3")),
            .channelReestablish(ChannelReestablish(
                channelID: id, nextCommitmentNumber: 5, nextRevocationNumber: 4,
                dataLossProtect: try .init(yourLastPerCommitmentSecret: secret, myCurrentPerCommitmentPoint: .generator),
                extensions: TLVStream([.init(type: 1, value: [UInt8](repeating: 3, count: 33))]))),
            .unknown(type: 32769, payload: [1, 2, 3]),
        ]
        for m in messages {
            #expect(try WireMessage(decoding: m.encoded()) == m, "\(m.summary)")
        }
        #expect(WireMessage.unknown(type: 32768, payload: []).isUnknownEven)
        #expect(!WireMessage.unknown(type: 32769, payload: []).isUnknownEven)
    }

    @Test func pingAsksForPong() {
        #expect(Ping(pongByteCount: 4).expectedPong == Pong(ignored: [0, 0, 0, 0]))
        #expect(Ping(pongByteCount: 65532).expectedPong == nil)
    }

    @Test func errorTextIsShownOnlyWhenPrintable() throws {
        #expect(ErrorMessage(channelID: .all, text: "internal error").displayText == "internal error")
        #expect(ErrorMessage(channelID: .all, data: [0x00, 0xff]).displayText == "0x00ff")
    }

    @Test func featureBits() {
        let f = FeatureBits(encoded: [0x00, 0x01, 0x02])
        #expect(f.bits == [1, 8])
        #expect(f.encoded() == [0x01, 0x02])
        #expect(FeatureBits([]).encoded() == [])
        #expect(FeatureBits([0, 3, 100]).unknownRequiredBits(known: [0, 1]) == [100])
        #expect(FeatureBits([13]).supports(12) && FeatureBits([12]).supports(13))
    }

    /// Every strict-length rule, each with the error it must give.
    @Test func strictLengthErrors() throws {
        let id = [UInt8](repeating: 0x11, count: 32)
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("one byte", [0x00]),
            ("init without flen", [0x00, 0x10, 0x00, 0x00]),
            ("init features cut", [0x00, 0x10, 0x00, 0x00, 0x00, 0x03, 0x01]),
            ("init globalfeatures overrun", [0x00, 0x10, 0xff, 0xff]),
            ("init tlv length overrun", [0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x01, 0x05, 0x00]),
            ("init unknown even tlv", [0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00]),
            ("init tlv out of order", [0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x01, 0x00]),
            ("init tlv duplicate", [0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x03, 0x00]),
            ("init non-minimal bigsize", [0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x00, 0x03, 0x00]),
            ("init networks not 32n", [0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00]),
            ("ping cut", [0x00, 0x12, 0x00]),
            ("ping ignored overrun", [0x00, 0x12, 0x00, 0x01, 0x00, 0x05, 0x00]),
            ("pong ignored overrun", [0x00, 0x13, 0x00, 0x05, 0x00]),
            ("pong trailing garbage", [0x00, 0x13, 0x00, 0x00, 0x07]),
            ("error no channel id", [0x00, 0x11] + id.prefix(31)),
            ("error no len", [0x00, 0x11] + id),
            ("error data overrun", [0x00, 0x11] + id + [0x00, 0x02, 0x41]),
            ("warning data overrun", [0x00, 0x01] + id + [0x00, 0x01]),
            ("reestablish cut numbers", [0x00, 0x88] + id + [UInt8](repeating: 0, count: 15)),
            ("reestablish half dlp", [0x00, 0x88] + id + [UInt8](repeating: 0, count: 16 + 40)),
            ("reestablish bad point", [0x00, 0x88] + id + [UInt8](repeating: 0, count: 16 + 32) + [0x05] + [UInt8](repeating: 1, count: 32)),
            ("too large", [0x00, 0x13] + [UInt8](repeating: 0, count: 65535)),
        ]
        for (name, bytes) in cases {
            do {
                let m = try WireMessage(decoding: bytes)
                Issue.record("\(name): decoded as \(m.summary)")
            } catch let error as WireError {
                #expect(!error.description.isEmpty, "\(name)")
            }
        }
    }
}
